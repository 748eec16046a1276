package io.kevents.kubelet.image;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.kevents.kubelet.event.KubeletEvents;
import java.util.HashMap;
import java.util.Map;

/**
 * The kubelet's {@code EnsureImageExists} for one node: decides from the pull policy, the node's images and the
 * back-off whether the container's image is usable, must be pulled, or is unavailable, and records the events in the
 * kubelet's order (Pulled "already present" | ErrImageNeverPull | BackOff | Pulling, then Failed or Pulled). The
 * {@code Error: <reason>} event that follows a failure is the caller's, as in the kubelet. Not thread-safe: used under
 * the node's lock.
 */
public final class ImageManager {

    /** The reason a container waits after a failed pull. */
    public static final String ERR_IMAGE_PULL = "ErrImagePull";
    /** The reason a container waits while its image backs off. */
    public static final String IMAGE_PULL_BACK_OFF = "ImagePullBackOff";
    /** The reason a container waits for an absent image it may not pull. */
    public static final String ERR_IMAGE_NEVER_PULL = "ErrImageNeverPull";

    private final ImageCatalogue catalogue;
    private final ImageStore store;
    private final ImagePuller puller;
    private final ImageBackOff backOff;
    private final KubeletEvents events;
    /** The last pull error per back-off key, which newer kubelets show in the back-off waiting message. */
    private final Map<String, String> lastErrors = new HashMap<>();

    /** The image manager of one node: its catalogue view, images, serial puller, back-off and events. */
    public ImageManager(ImageCatalogue catalogue, ImageStore store, ImagePuller puller, ImageBackOff backOff,
                        KubeletEvents events) {
        this.catalogue = catalogue;
        this.store = store;
        this.puller = puller;
        this.backOff = backOff;
        this.events = events;
    }

    /** What {@link #ensureImageExists} and {@link #completePull} decide. */
    public sealed interface Outcome {
    }

    /** The image is on the node; the container can be created. */
    public record Available(String imageId) implements Outcome {
    }

    /** A pull was started; call {@link #completePull} at {@code pull.finishNanos()}. */
    public record Pulling(ImagePuller.Pull pull, String podUid, String image) implements Outcome {
    }

    /**
     * The image cannot be used now.
     *
     * @param reason        the container's waiting reason ({@code ErrImagePull}, {@code ImagePullBackOff},
     *                      {@code ErrImageNeverPull})
     * @param message       its waiting message
     */
    public record Unavailable(String reason, String message) implements Outcome {
    }

    /** Decides, at {@code nowNanos}, how {@code container} of pod {@code podUid} gets its image. */
    public Outcome ensureImageExists(ObjectReference ref, String podUid, Container container, long nowNanos) {
        String image = container.getImage();
        ImageReference reference = ImageReference.parse(image);
        boolean present = store.isPresent(reference);
        PullPolicy policy = PullPolicy.fromSpec(container.getImagePullPolicy());
        if (!policy.shouldPull(present)) {
            if (present) {
                events.alreadyPresent(ref, image);
                return new Available(ImageStore.imageId(reference));
            }
            return new Unavailable(ERR_IMAGE_NEVER_PULL, events.neverPull(ref, image));
        }
        String key = ImageBackOff.key(podUid, image);
        if (backOff.isInBackOffSinceUpdate(key, nowNanos)) {
            events.backOffPulling(ref, image);
            return new Unavailable(IMAGE_PULL_BACK_OFF,
                    events.profile().backOffWaitingMessage(image, lastErrors.get(key)));
        }
        // Newer kubelets forget the previous error once a new pull starts.
        lastErrors.remove(key);
        events.pulling(ref, image);
        return new Pulling(puller.request(reference, catalogue.lookup(reference), present, nowNanos), podUid, image);
    }

    /** Ends a pull started by {@link #ensureImageExists}: the image is now present, or the pull failed. */
    public Outcome completePull(ObjectReference ref, Pulling pulling, long nowNanos) {
        ImagePuller.Pull pull = pulling.pull();
        String image = pulling.image();
        if (!pull.succeeds()) {
            String error = events.profile().pullAccessDenied(pull.image().full());
            events.failedToPull(ref, image, error);
            String key = ImageBackOff.key(pulling.podUid(), image);
            backOff.next(key, nowNanos);
            lastErrors.put(key, error);
            return new Unavailable(ERR_IMAGE_PULL, error);
        }
        store.add(pull.image());
        events.successfullyPulled(ref, image, pull.pullTime(), pull.total(), pull.entry().sizeBytes());
        backOff.gc(nowNanos);
        return new Available(ImageStore.imageId(pull.image()));
    }

    /** Forgets a deleted pod's back-off entries. */
    public void forgetPod(String podUid) {
        backOff.forgetPod(podUid);
        String prefix = podUid + "_";
        lastErrors.keySet().removeIf(key -> key.startsWith(prefix));
    }

}
