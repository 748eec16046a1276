package io.kevents.recorder.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kevents.recorder.sink.SinkException;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static RetryPolicy policy(double random) {
        return new RetryPolicy(12, Duration.ofSeconds(1), Duration.ofSeconds(60), () -> random);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 429, 500, 502, 503, 504})
    void retriesTransportFailuresAndOverload(int status) {
        assertThat(policy(0.5).isRetryable(SinkException.status(status, null, "x"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 409, 410, 413, 415, 422})
    void doesNotRetryRejections(int status) {
        assertThat(policy(0.5).delayAfter(SinkException.status(status, null, "x"), 1)).isEmpty();
    }

    @Property
    void fullJitterStaysWithinTheExponentialCap(@ForAll @IntRange(min = 1, max = 11) int failures,
                                                @ForAll @DoubleRange(min = 0, max = 0.99) double random) {
        Duration delay = policy(random).delayAfter(SinkException.status(503, null, "x"), failures).orElseThrow();
        long capMillis = Math.min(60_000, 1000L << (failures - 1));
        assertThat(delay.toMillis()).isBetween(0L, capMillis);
    }

    @Test
    void honoursRetryAfterExactly() {
        SinkException tooMany = new SinkException(429, "TooManyRequests", Duration.ofSeconds(90), "x", null);
        assertThat(policy(0.1).delayAfter(tooMany, 1)).contains(Duration.ofSeconds(90));
    }

    @Test
    void givesUpAfterMaxAttempts() {
        assertThat(policy(0.5).delayAfter(SinkException.status(503, null, "x"), 11)).isPresent();
        assertThat(policy(0.5).delayAfter(SinkException.status(503, null, "x"), 12)).isEmpty();
    }
}
