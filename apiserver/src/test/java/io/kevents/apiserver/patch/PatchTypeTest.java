package io.kevents.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatchTypeTest {

    @Test
    void everyMediaTypeMapsToItsType() {
        assertThat(PatchType.fromContentType("application/json-patch+json")).contains(PatchType.JSON_PATCH);
        assertThat(PatchType.fromContentType("application/merge-patch+json")).contains(PatchType.MERGE_PATCH);
        assertThat(PatchType.fromContentType("application/strategic-merge-patch+json"))
                .contains(PatchType.STRATEGIC_MERGE_PATCH);
        assertThat(PatchType.fromContentType("application/apply-patch+yaml")).contains(PatchType.APPLY_PATCH);
    }

    @Test
    void parametersBlanksAndCaseAreIgnored() {
        assertThat(PatchType.fromContentType("application/merge-patch+json; charset=utf-8"))
                .contains(PatchType.MERGE_PATCH);
        assertThat(PatchType.fromContentType("  Application/Strategic-Merge-Patch+JSON ;charset=UTF-8"))
                .contains(PatchType.STRATEGIC_MERGE_PATCH);
        assertThat(PatchType.fromContentType("application/apply-patch+yaml;charset=utf-8"))
                .contains(PatchType.APPLY_PATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/yaml", "text/plain", "", ";charset=utf-8",
            "application/apply-patch+cbor", "application/merge-patch+json+x"})
    void otherMediaTypesAreNotPatchTypes(String contentType) {
        assertThat(PatchType.fromContentType(contentType)).isEmpty();
    }

    @Test
    void noContentTypeIsNoPatchType() {
        assertThat(PatchType.fromContentType(null)).isEmpty();
    }

    @Test
    void acceptedMediaTypesListsAllFour() {
        assertThat(PatchType.acceptedMediaTypes()).contains("application/json-patch+json",
                "application/merge-patch+json", "application/strategic-merge-patch+json",
                "application/apply-patch+yaml");
    }
}
