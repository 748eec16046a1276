package io.kevents.recorder.adapter;

/** Which event API a server is written through. */
public enum EventsApi {
    /** events.k8s.io/v1, with series. */
    EVENTS_V1,
    /** core/v1, with the correlator's counts. */
    CORE_V1
}
