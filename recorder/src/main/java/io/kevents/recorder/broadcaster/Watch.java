package io.kevents.recorder.broadcaster;

/** A running watcher, as returned when it is started. */
public interface Watch {

    /** The watcher's name (also its thread's name). */
    String name();

    /** Stops the watcher; events still in its queue are not delivered. */
    void stop();
}
