package io.kevents.kubelet.status;

import java.time.Instant;

/**
 * What the pod worker knows of one container, from which its status is built.
 *
 * @param name        the container's name
 * @param specImage   the image as written in the spec (shown while waiting)
 * @param state       waiting or running
 */
public record ContainerView(String name, String specImage, State state) {

    /** A container's state. */
    public sealed interface State {
    }

    /**
     * Not running: {@code ContainerCreating}, {@code ErrImagePull}, {@code ImagePullBackOff}, ...
     *
     * @param message {@code null} when there is none
     */
    public record Waiting(String reason, String message) implements State {
    }

    /**
     * Running since {@code startedAt}.
     *
     * @param image       the runtime's name of the image, e.g. {@code docker.io/library/nginx:1.8}
     * @param imageId     e.g. {@code docker.io/library/nginx@sha256:...}
     * @param containerId e.g. {@code containerd://0f3c...}
     */
    public record Running(Instant startedAt, String image, String imageId, String containerId) implements State {
    }

    /** Whether the container is ready (running; hollow containers have no probes). */
    public boolean ready() {
        return state instanceof Running;
    }
}
