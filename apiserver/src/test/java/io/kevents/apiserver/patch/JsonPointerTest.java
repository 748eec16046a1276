package io.kevents.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPointerTest {

    @Test
    void theEmptyPointerIsTheRoot() throws PatchException {
        assertThat(JsonPointer.parse("")).isEqualTo(JsonPointer.ROOT);
        assertThat(JsonPointer.ROOT.isRoot()).isTrue();
        assertThat(JsonPointer.ROOT.toString()).isEmpty();
    }

    @Test
    void tokensAreUnescaped() throws PatchException {
        JsonPointer pointer = JsonPointer.parse("/metadata/labels/app.kubernetes.io~1name");

        assertThat(pointer.tokens()).containsExactly("metadata", "labels", "app.kubernetes.io/name");
        assertThat(JsonPointer.parse("/a~0b~01").tokens()).containsExactly("a~b~1");
        assertThat(JsonPointer.parse("/~1~0").tokens()).containsExactly("/~");
    }

    @Test
    void emptyTokensAreKept() throws PatchException {
        assertThat(JsonPointer.parse("/").tokens()).containsExactly("");
        assertThat(JsonPointer.parse("/a//b/").tokens()).containsExactly("a", "", "b", "");
    }

    @Test
    void toStringEscapesAgain() throws PatchException {
        String text = "/metadata/annotations/example.com~1a~0b";

        assertThat(JsonPointer.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata", "/a~2", "/a~", "/~x/b"})
    void malformedPointersAreBadRequests(String text) {
        assertThatThrownBy(() -> JsonPointer.parse(text)).isInstanceOfSatisfying(PatchException.class,
                e -> assertThat(e.failure().code()).isEqualTo(400));
    }

    @Test
    void parentAndLast() throws PatchException {
        JsonPointer pointer = JsonPointer.parse("/spec/containers/0");

        assertThat(pointer.parent()).isEqualTo(new JsonPointer(List.of("spec", "containers")));
        assertThat(pointer.last()).isEqualTo("0");
    }

    @Test
    void properPrefix() throws PatchException {
        JsonPointer spec = JsonPointer.parse("/spec");

        assertThat(spec.isProperPrefixOf(JsonPointer.parse("/spec/containers"))).isTrue();
        assertThat(spec.isProperPrefixOf(spec)).isFalse();
        assertThat(spec.isProperPrefixOf(JsonPointer.parse("/specification"))).isFalse();
        assertThat(JsonPointer.ROOT.isProperPrefixOf(spec)).isTrue();
    }
}
