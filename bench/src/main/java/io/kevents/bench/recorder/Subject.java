package io.kevents.bench.recorder;

import java.time.Duration;

/** A recorder implementation under test. Each {@link #start()} builds a fresh pipeline. */
interface Subject {

    String name();

    Run start(Workload workload);

    /** One pipeline, fed by one or more recording threads. */
    interface Run {
        /** Makes call number {@code call} of the workload. */
        void call(int call);

        /** Waits until every call made so far has been processed by the pipeline and written as far as it will be. */
        void awaitProcessed(long calls, Duration timeout);

        /** Closes the pipeline, writing what is pending. */
        void close();

        /** Sink writes made (creates, patches, updates). */
        long writes();

        /** Calls the pipeline dropped (queue full, shutdown...). Spam-filtered occurrences are not drops. */
        long drops();
    }
}
