package io.kevents.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class GoStringsTest {

    @Test
    void digitsSortBeforeUpperCaseBeforeLowerCaseBeforeAccentedLetters() {
        List<String> words = new ArrayList<>(List.of("a", "B", "1", "é", "Z", "z"));
        words.sort(GoStrings::compare);
        assertThat(words).containsExactly("1", "B", "Z", "a", "z", "é");
    }

    @Test
    void supplementaryCharactersSortAfterEveryOtherCharacter() {
        // In UTF-16 a surrogate pair (0xD83D...) sorts before U+FFFD; in UTF-8, as in Go, it sorts after.
        assertThat(GoStrings.compare("\uD83D\uDE00", "\uFFFD")).isPositive();
        assertThat("\uD83D\uDE00".compareTo("\uFFFD")).isNegative();
    }

    @Property
    void compareIsTheOrderOfUtf8Bytes(@ForAll @StringLength(max = 8) String a, @ForAll @StringLength(max = 8) String b) {
        int bytes = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        assertThat(Integer.signum(GoStrings.compare(a, b))).isEqualTo(Integer.signum(bytes));
    }
}
