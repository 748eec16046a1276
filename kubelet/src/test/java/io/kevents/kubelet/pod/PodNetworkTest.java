package io.kevents.kubelet.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodNetworkTest {

    @Test
    void handsOutAddressesOfTheCidrAndReusesReleasedOnes() {
        PodNetwork network = new PodNetwork("10.100.85.192/26");
        assertThat(network.allocate()).isEqualTo("10.100.85.193");
        String second = network.allocate();
        assertThat(second).isEqualTo("10.100.85.194");
        network.release(second);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 61; i++) {
            seen.add(network.allocate());
        }
        assertThat(seen).hasSize(61).contains("10.100.85.194").allMatch(ip -> ip.startsWith("10.100.85."))
                .doesNotContain("10.100.85.192", "10.100.85.255");
        assertThatThrownBy(network::allocate).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsWhatIsNotACidr() {
        assertThatThrownBy(() -> new PodNetwork("10.0.0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PodNetwork("10.0.0.0/31")).isInstanceOf(IllegalArgumentException.class);
    }
}
