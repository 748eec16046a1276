package io.kevents.recorder;

import io.kevents.recorder.writer.WriterOptions;
import io.kevents.time.Clock;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Settings shared by both broadcasters.
 *
 * @param clock         the time source; {@code null} for a {@link io.kevents.time.SystemClock} owned (and closed)
 *                      by the broadcaster
 * @param meterRegistry where metrics are published, or {@code null} for none (they are still available through
 *                      {@code metrics()})
 * @param queueCapacity events each watcher may have waiting before further ones are dropped for it
 * @param writer        sink writer threads and retry policy
 */
public record PipelineSettings(Clock clock, MeterRegistry meterRegistry, int queueCapacity, WriterOptions writer) {

    /** System clock, no registry, 8192 queued events per watcher, {@link WriterOptions#defaults()}. */
    public static PipelineSettings defaults() {
        return new PipelineSettings(null, null, 8192, WriterOptions.defaults());
    }

    /** These settings with another clock. */
    public PipelineSettings withClock(Clock newClock) {
        return new PipelineSettings(newClock, meterRegistry, queueCapacity, writer);
    }

    /** These settings publishing metrics to {@code registry}. */
    public PipelineSettings withMeterRegistry(MeterRegistry registry) {
        return new PipelineSettings(clock, registry, queueCapacity, writer);
    }

    /** These settings with another per-watcher queue capacity. */
    public PipelineSettings withQueueCapacity(int capacity) {
        return new PipelineSettings(clock, meterRegistry, capacity, writer);
    }

    /** These settings with other writer options. */
    public PipelineSettings withWriter(WriterOptions options) {
        return new PipelineSettings(clock, meterRegistry, queueCapacity, options);
    }
}
