package io.kevents.apiserver.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    private static final Map<String, String> SSD_NODE = Map.of("disktype", "ssd", "kubernetes.io/hostname", "k8s-node01",
            "rank", "3");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "disktype=ssd | true", "disktype==ssd | true", "disktype!=ssd | false", "disktype!=hdd | true",
        "disktype in (ssd,nvme) | true", "disktype notin (ssd) | false", "disktype | true", "!disktype | false",
        "!gpu | true", "gpu | false", "disktype=ssd,kubernetes.io/hostname=k8s-node01 | true",
        "disktype=ssd,kubernetes.io/hostname in (other) | false", "rank>2 | true", "rank<3 | false",
        "'' | true", "gpu!=yes | true", "disktype in (ssd, nvme),rank | true"
    })
    void matchesLikeKubernetes(String selector, boolean expected) {
        assertThat(LabelSelector.parse(selector).matches(SSD_NODE)).isEqualTo(expected);
    }

    @Test
    void rejectsMalformedSelectors() {
        assertThatThrownBy(() -> LabelSelector.parse("disk type=ssd")).isInstanceOf(SelectorException.class);
        assertThatThrownBy(() -> LabelSelector.parse("a=b,,c=d")).isInstanceOf(SelectorException.class);
        assertThatThrownBy(() -> LabelSelector.parse("rank>x")).isInstanceOf(SelectorException.class);
    }
}
