package io.kevents.recorder.writer;

/**
 * How a pipeline writes to its sink.
 *
 * @param workers     concurrent writes (client-go master: 8; one per sink in tools/record)
 * @param retryPolicy which failures are retried and when
 */
public record WriterOptions(int workers, RetryPolicy retryPolicy) {

    public WriterOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("need at least one writer");
        }
    }

    /** Four writers, {@link RetryPolicy#defaults()}. */
    public static WriterOptions defaults() {
        return new WriterOptions(4, RetryPolicy.defaults());
    }
}
