package io.kevents.kubelet;

import io.kevents.kubelet.image.ImageCatalogue;
import io.kevents.kubelet.loop.JitterPolicy;
import io.kevents.kubelet.profile.VersionProfile;
import io.kevents.recorder.correlator.CorrelatorOptions;
import io.kevents.time.Clock;
import java.time.Duration;

/**
 * How to run hollow nodes. Immutable; {@code with...} return changed copies.
 *
 * @param profile          which Kubernetes version's texts (default {@link VersionProfile#CURRENT})
 * @param images           the image catalogue
 * @param clock            time for everything: timers, event timestamps, statuses (a {@code ManualClock} makes
 *                         back-off sequences exact); the caller owns it
 * @param timings          periods and back-offs
 * @param jitter           requeue jitter
 * @param correlator       the core/v1 correlator of the shared event broadcaster
 * @param apiWriterThreads threads writing statuses, leases and registrations
 * @param apiWriteAttempts tries per write before it is given up
 * @param startupTimeout   how long {@code start} waits for the informers' first lists
 */
public record HollowNodesConfig(VersionProfile profile, ImageCatalogue images, Clock clock, KubeletTimings timings,
                                JitterPolicy jitter, CorrelatorOptions correlator, int apiWriterThreads,
                                int apiWriteAttempts, Duration startupTimeout) {

    public HollowNodesConfig {
        if (apiWriterThreads < 1 || apiWriteAttempts < 1) {
            throw new IllegalArgumentException("need at least one writer thread and one attempt");
        }
    }

    /** Current texts, an empty catalogue (any image pullable), kubelet timings, random jitter, client-go's correlator. */
    public static HollowNodesConfig defaults(Clock clock) {
        return new HollowNodesConfig(VersionProfile.CURRENT, ImageCatalogue.empty(), clock, KubeletTimings.defaults(),
                JitterPolicy.seeded(System.nanoTime()), CorrelatorOptions.defaults(), 4, 8, Duration.ofSeconds(30));
    }

    /** This config with the texts of {@code newProfile}. */
    public HollowNodesConfig withProfile(VersionProfile newProfile) {
        return new HollowNodesConfig(newProfile, images, clock, timings, jitter, correlator, apiWriterThreads,
                apiWriteAttempts, startupTimeout);
    }

    /** This config with another image catalogue. */
    public HollowNodesConfig withImages(ImageCatalogue newImages) {
        return new HollowNodesConfig(profile, newImages, clock, timings, jitter, correlator, apiWriterThreads,
                apiWriteAttempts, startupTimeout);
    }

    /** This config with other periods and back-offs. */
    public HollowNodesConfig withTimings(KubeletTimings newTimings) {
        return new HollowNodesConfig(profile, images, clock, newTimings, jitter, correlator, apiWriterThreads,
                apiWriteAttempts, startupTimeout);
    }

    /** This config with another requeue jitter ({@code JitterPolicy.fixed(0.5)} for exact tests). */
    public HollowNodesConfig withJitter(JitterPolicy newJitter) {
        return new HollowNodesConfig(profile, images, clock, timings, newJitter, correlator, apiWriterThreads,
                apiWriteAttempts, startupTimeout);
    }

    /** This config with other correlator options for the event broadcaster. */
    public HollowNodesConfig withCorrelator(CorrelatorOptions newCorrelator) {
        return new HollowNodesConfig(profile, images, clock, timings, jitter, newCorrelator, apiWriterThreads,
                apiWriteAttempts, startupTimeout);
    }

    /** This config with {@code threads} API writer threads. */
    public HollowNodesConfig withApiWriterThreads(int threads) {
        return new HollowNodesConfig(profile, images, clock, timings, jitter, correlator, threads, apiWriteAttempts,
                startupTimeout);
    }
}
