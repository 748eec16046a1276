package io.kevents.apiserver.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {

    @Test
    void termsAreAndedAndOrderDoesNotMatter() {
        Map<String, String> fields = Map.of("involvedObject.name", "nginx", "type", "Warning",
                "involvedObject.namespace", "");
        assertThat(FieldSelector.parse("involvedObject.name=nginx,type=Warning").matches(fields)).isTrue();
        assertThat(FieldSelector.parse("type==Warning,involvedObject.name=nginx").matches(fields)).isTrue();
        assertThat(FieldSelector.parse("type!=Warning").matches(fields)).isFalse();
        assertThat(FieldSelector.parse("involvedObject.namespace=").matches(fields)).isTrue();
    }

    @Test
    void valuesMayEscapeCommasEqualsAndBackslashes() {
        FieldSelector selector = FieldSelector.parse("message=a\\,b\\=c\\\\d");
        assertThat(selector.terms().get(0).value()).isEqualTo("a,b=c\\d");
        assertThatThrownBy(() -> FieldSelector.parse("message=a\\x")).isInstanceOf(SelectorException.class);
        assertThatThrownBy(() -> FieldSelector.parse("nonsense")).isInstanceOf(SelectorException.class);
    }

    @Test
    void unsupportedLabelsAreRejectedWithKubernetesMessage() {
        FieldSelector selector = FieldSelector.parse("involvedObject.name=x");
        assertThatThrownBy(() -> selector.convert(label -> label.startsWith("regarding.") ? label : null,
                Set.of("regarding.name"))).hasMessage("field label not supported: involvedObject.name");
    }
}
