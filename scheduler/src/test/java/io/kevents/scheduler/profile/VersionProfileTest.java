package io.kevents.scheduler.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionProfileTest {

    @Test
    void accepts_the_spellings_of_a_version() {
        assertThat(VersionProfile.forVersion("1.20")).isSameAs(VersionProfile.V1_20);
        assertThat(VersionProfile.forVersion("v1.20.1")).isSameAs(VersionProfile.V1_20);
        assertThat(VersionProfile.forVersion("1.32")).isSameAs(VersionProfile.V1_32);
        assertThat(VersionProfile.forVersion("1.32.4")).isSameAs(VersionProfile.V1_32);
        assertThat(VersionProfile.DEFAULT).isSameAs(VersionProfile.V1_32);
    }

    @Test
    void rejects_unsupported_versions_naming_the_supported_ones() {
        assertThat(VersionProfile.lookup("1.27")).isEmpty();
        assertThat(VersionProfile.lookup("latest")).isEmpty();
        assertThatThrownBy(() -> VersionProfile.forVersion("1.27"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1.20, 1.32]");
    }

    @Test
    void filter_order_differs_where_it_changes_the_message() {
        assertThat(VersionProfile.V1_20.filterOrder().indexOf("NodeAffinity"))
                .isLessThan(VersionProfile.V1_20.filterOrder().indexOf("TaintToleration"));
        assertThat(VersionProfile.V1_32.filterOrder().indexOf("TaintToleration"))
                .isLessThan(VersionProfile.V1_32.filterOrder().indexOf("NodeAffinity"));
    }
}
