package io.kevents.kubelet.profile;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoQuoteTest {

    /** Expected values are Go's strconv.Quote of the same string (input and output written with Java escapes). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "nginx:1.8|'\"nginx:1.8\"'",
            "docker.io/library/nginxa:1.8|'\"docker.io/library/nginxa:1.8\"'",
            "''|'\"\"'",
            "a\"b|'\"a\\\"b\"'",
            "a\\b|'\"a\\\\b\"'",
            "café|'\"café\"'",
            "日本|'\"日本\"'",
    })
    void quotesLikeGo(String text, String expected) {
        assertThat(GoQuote.quote(text)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void escapesControlAndNonPrintableCharactersLikeGo() {
        assertThat(GoQuote.quote("a\nb\tc\rd")).isEqualTo("\"a\\nb\\tc\\rd\"");
        assertThat(GoQuote.quote("\u0007\b\f\u000b")).isEqualTo("\"\\a\\b\\f\\v\"");
        assertThat(GoQuote.quote("\u0000\u001f\u007f")).isEqualTo("\"\\x00\\x1f\\x7f\"");
        // Go's IsPrint: only the ASCII space counts among spaces; format and private-use characters do not.
        assertThat(GoQuote.quote("a\u00a0b")).isEqualTo("\"a\\u00a0b\"");
        assertThat(GoQuote.quote("\u200b\u0085")).isEqualTo("\"\\u200b\\u0085\"");
        assertThat(GoQuote.quote("\ue000")).isEqualTo("\"\\ue000\"");
        assertThat(GoQuote.quote(new String(Character.toChars(0xF0000)))).isEqualTo("\"\\U000f0000\"");
        // Printable astral characters stay.
        assertThat(GoQuote.quote("\uD83D\uDE00")).isEqualTo("\"\uD83D\uDE00\"");
    }

    @Property
    void imageNamesAreOnlyWrappedInQuotes(@ForAll @AlphaChars @NumericChars String name) {
        assertThat(GoQuote.quote(name + ":1.8")).isEqualTo("\"" + name + ":1.8\"");
    }
}
