package io.kevents.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportingInstanceTest {

    @Test
    void shortValuesAreKept() {
        assertThat(ReportingInstance.fit("default-scheduler-k8s-master01")).isEqualTo("default-scheduler-k8s-master01");
    }

    @Test
    void longValuesAreCutTo128BytesAndStayDistinct() {
        String a = ReportingInstance.fit("my-operator-" + "a".repeat(200) + "-1");
        String b = ReportingInstance.fit("my-operator-" + "a".repeat(200) + "-2");
        assertThat(a.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(128);
        assertThat(a).startsWith("my-operator-aaa").isNotEqualTo(b);
    }

    @Test
    void reportingControllerMustBeAQualifiedName() {
        assertThat(EventValidation.requireQualifiedName("example.com/my-operator")).isEqualTo("example.com/my-operator");
        assertThatThrownBy(() -> EventValidation.requireQualifiedName("not valid!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qualified name");
        assertThatThrownBy(() -> EventValidation.requireQualifiedName(""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
