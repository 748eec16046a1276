package io.kevents.storage;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class KeysTest {

    @Property
    void everyKeyWithThePrefixSortsBeforeThePrefixEnd(@ForAll @StringLength(min = 1, max = 6) String prefix,
                                                       @ForAll @StringLength(max = 6) String rest) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] end = Keys.prefixEnd(p);
        byte[] key = (prefix + rest).getBytes(StandardCharsets.UTF_8);
        if (end != null) {
            assertThat(Arrays.compareUnsigned(key, end)).isNegative();
            assertThat(Arrays.compareUnsigned(p, end)).isNegative();
        }
    }
}
