package io.kevents.scheduler.framework;

/** A scheduling plugin, known by its Kubernetes name (e.g. {@code NodeAffinity}). */
public interface Plugin {

    /** The plugin's name, as in Kubernetes' scheduler configuration. */
    String name();
}
