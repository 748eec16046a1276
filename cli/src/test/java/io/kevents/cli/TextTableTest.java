package io.kevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void padsEveryColumnButTheLastWithThreeSpaces() {
        TextTable table = new TextTable(List.of("NAME", "STATUS"));
        table.add(List.of("k8s-master01", "Ready"));
        assertThat(table.render()).isEqualTo("NAME           STATUS\nk8s-master01   Ready\n");
    }
}
