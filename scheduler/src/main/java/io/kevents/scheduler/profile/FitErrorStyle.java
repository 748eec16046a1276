package io.kevents.scheduler.profile;

/** How a version joins the parts of the FailedScheduling message (see {@link FailureMessages}). */
public enum FitErrorStyle {
    /**
     * Up to v1.24: {@code 0/N nodes are available: <histogram>.}, the period written even when the histogram is
     * empty; a PostFilter message (v1.24) follows after a space.
     */
    LEGACY,
    /** v1.25–v1.29: the histogram part only when non-empty; the PostFilter message followed by an extra period. */
    DOUBLE_PERIOD,
    /** v1.30 on: the histogram part only when non-empty; the PostFilter message after a space, as it is. */
    CURRENT
}
