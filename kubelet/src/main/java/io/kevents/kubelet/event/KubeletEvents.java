package io.kevents.kubelet.event;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.kevents.kubelet.profile.VersionProfile;
import io.kevents.recorder.EventType;
import io.kevents.recorder.LegacyEventRecorder;
import java.time.Duration;
import java.util.List;

/**
 * The events one hollow kubelet records, with the reasons, types and texts of its {@link VersionProfile}. Everything
 * goes through one core/v1 recorder ({@code source: kubelet/<node>}), so the correlator folds repeats into counts
 * exactly as for a real kubelet. Recording never blocks.
 */
public final class KubeletEvents {

    private final LegacyEventRecorder recorder;
    private final VersionProfile profile;

    /** Events recorded through {@code recorder} with the texts of {@code profile}. */
    public KubeletEvents(LegacyEventRecorder recorder, VersionProfile profile) {
        this.recorder = recorder;
        this.profile = profile;
    }

    /** The texts in use. */
    public VersionProfile profile() {
        return profile;
    }

    // ---------------------------------------------------------------- images (about a container)

    /** {@code Pulling} (Normal): a pull starts. */
    public void pulling(ObjectReference container, String image) {
        normal(container, "Pulling", profile.pulling(image));
    }

    /** {@code Pulled} (Normal): no pull needed, the image is on the node. */
    public void alreadyPresent(ObjectReference container, String image) {
        normal(container, "Pulled", profile.alreadyPresent(image));
    }

    /** {@code Pulled} (Normal) after a pull; the text depends on the version. */
    public void successfullyPulled(ObjectReference container, String image, Duration pull, Duration total,
                                   long size) {
        normal(container, "Pulled", profile.successfullyPulled(image, pull, total, size));
    }

    /** {@code Failed} (Warning) with the runtime's error. */
    public void failedToPull(ObjectReference container, String image, String error) {
        warning(container, "Failed", profile.failedToPull(image, error));
    }

    /** Image-pull back-off is a Normal event (crash-loop back-off is the Warning one). */
    public void backOffPulling(ObjectReference container, String image) {
        normal(container, "BackOff", profile.backOffPulling(image));
    }

    /**
     * {@code ErrImageNeverPull} (Warning): absent, and the policy forbids pulling.
     *
     * @return the text recorded, which is also the container's waiting message
     */
    public String neverPull(ObjectReference container, String image) {
        String message = profile.neverPull(image);
        warning(container, "ErrImageNeverPull", message);
        return message;
    }

    /** {@code Failed: Error: <reason>}, recorded whenever starting a container fails. */
    public void error(ObjectReference container, String reason) {
        warning(container, "Failed", profile.error(reason));
    }

    // ---------------------------------------------------------------- containers

    /** {@code Created} (Normal). */
    public void created(ObjectReference container, String name) {
        normal(container, "Created", profile.created(name));
    }

    /** {@code Started} (Normal). */
    public void started(ObjectReference container, String name) {
        normal(container, "Started", profile.started(name));
    }

    /** {@code Killing} (Normal): the container is stopped. */
    public void killing(ObjectReference container, String name) {
        normal(container, "Killing", profile.killing(name));
    }

    // ---------------------------------------------------------------- volumes (about the pod)

    /** {@code FailedMount} (Warning) from a failed mount attempt. */
    public void mountSetUpFailed(ObjectReference pod, String volume, String error) {
        warning(pod, "FailedMount", profile.mountSetUpFailed(volume, error));
    }

    /** {@code FailedMount} (Warning) from a sync that waited too long for volumes. */
    public void unableToMount(ObjectReference pod, List<String> unmounted, List<String> unattached) {
        warning(pod, "FailedMount", profile.unableToMount(unmounted, unattached));
    }

    // ---------------------------------------------------------------- nodes

    /** {@code Starting} (Normal), the birth cry. */
    public void starting(ObjectReference node) {
        normal(node, "Starting", profile.startingKubelet());
    }

    /** {@code NodeHasSufficientMemory}, {@code NodeReady}, ...: the reason is also in the text. */
    public void nodeStatus(ObjectReference node, String reason) {
        normal(node, reason, profile.nodeStatusIsNow(node.getName(), reason));
    }

    /** {@code NodeAllocatableEnforced} (Normal). */
    public void allocatableEnforced(ObjectReference node) {
        normal(node, "NodeAllocatableEnforced", profile.allocatableEnforced());
    }

    private void normal(ObjectReference object, String reason, String message) {
        recorder.event(object, EventType.NORMAL, reason, message);
    }

    private void warning(ObjectReference object, String reason, String message) {
        recorder.event(object, EventType.WARNING, reason, message);
    }
}
