package io.kevents.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class NoteTest {

    @Property
    void normalisedTextFitsTheServerLimitAndIsAPrefixCutAtACodePoint(
            @ForAll @StringLength(max = 3000) String text) {
        String normalised = Note.normalise(text);
        assertThat(normalised.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Note.MAX_BYTES);
        if (text.getBytes(StandardCharsets.UTF_8).length <= Note.MAX_BYTES && !hasLoneSurrogate(text)) {
            assertThat(normalised).isEqualTo(text);
        } else if (!normalised.equals(text)) {
            String kept = normalised.substring(0, normalised.length() - Note.TRUNCATION_MARK.length());
            assertThat(text).startsWith(kept);
            assertThat(normalised).endsWith(Note.TRUNCATION_MARK);
            // Never splits a surrogate pair.
            assertThat(kept.isEmpty() || !Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isTrue();
        }
    }

    @Test
    void multiByteTextIsCutByBytesNotCharacters() {
        String text = "é".repeat(600); // 600 characters, 1200 bytes
        String normalised = Note.normalise(text);
        assertThat(normalised).isEqualTo("é".repeat(510) + " ...");
        assertThat(Note.of("%s", text).wasTruncated()).isTrue();
        assertThat(Note.of("%s", "short").wasTruncated()).isFalse();
    }

    @Test
    void formatsWithArgumentsAndKeepsLiteralTextWithout() {
        assertThat(Note.of("Pulling image \"%s\"", "nginx:1.8").text()).isEqualTo("Pulling image \"nginx:1.8\"");
        assertThat(Note.of("50% done").text()).isEqualTo("50% done");
        assertThat(Note.of(null).text()).isEmpty();
    }

    @Test
    void aFormatThatDoesNotFitItsArgumentsDoesNotThrow() {
        assertThat(Note.of("count %d", "not a number").text()).isEqualTo("count %d [not a number]");
    }

    @Test
    void mutableArgumentsAreFormattedAtOnceImmutableOnesLazily() {
        AtomicInteger counter = new AtomicInteger(1);
        Note eager = Note.of("value %s", counter);
        StringBuilder builder = new StringBuilder("before");
        Note eagerToo = Note.of("value %s", builder);
        counter.set(2);
        builder.setLength(0);
        builder.append("after");
        assertThat(eager.text()).isEqualTo("value 1");
        assertThat(eagerToo.text()).isEqualTo("value before");
        assertThat(Note.of("%s %d %s", "a", 1, java.time.Duration.ofSeconds(3)).text()).isEqualTo("a 1 PT3S");
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
