package io.kevents.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.IllegalFormatException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class NoteFormatterTest {

    /** The fast path must give exactly what String.format gives, whatever the pattern and arguments. */
    @Property(tries = 2000)
    void agreesWithStringFormat(@ForAll("patterns") String pattern, @ForAll("arguments") Object[] args) {
        String expected;
        try {
            expected = String.format(pattern, args);
        } catch (IllegalFormatException e) {
            expected = pattern + " " + Arrays.toString(args);
        }
        assertThat(NoteFormatter.format(pattern, args)).isEqualTo(expected);
    }

    @Test
    void commonEventPatterns() {
        assertThat(NoteFormatter.format("Successfully assigned %s/%s to %s",
                new Object[] {"default", "nginx", "k8s-node01"})).isEqualTo("Successfully assigned default/nginx to k8s-node01");
        assertThat(NoteFormatter.format("0/%d nodes are available: 100%% busy", new Object[] {2}))
                .isEqualTo("0/2 nodes are available: 100% busy");
        assertThat(NoteFormatter.format("width %5s", new Object[] {"x"})).isEqualTo("width     x");
    }

    @Provide
    Arbitrary<String> patterns() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.strings().alpha().ofMaxLength(4),
                Arbitraries.of("%s", "%d", "%%", "%5s", "%x", "%", "%n", "%-3d", " "));
        return piece.list().ofMaxSize(6).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<Object[]> arguments() {
        Arbitrary<Object> arg = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(5).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d), Arbitraries.just(null));
        return arg.list().ofMaxSize(4).map(List -> List.toArray());
    }
}
