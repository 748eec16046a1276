package io.kevents.storage;

/** A running watch. Closing it stops delivery; the listener then gets {@code onClosed(null)}. */
public interface Watch extends AutoCloseable {

    @Override
    void close();
}
