package io.kevents.recorder.adapter;

/** Asks a server whether it serves events.k8s.io/v1. */
@FunctionalInterface
public interface EventsApiProbe {

    /**
     * @return {@code true} if the server lists {@code events} in events.k8s.io/v1, {@code false} if it definitely
     *         does not (the group-version is absent)
     * @throws RuntimeException when the server could not be asked (the answer is unknown; ask again later)
     */
    boolean servesEventsV1();
}
