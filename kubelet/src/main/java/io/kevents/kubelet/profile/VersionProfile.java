package io.kevents.kubelet.profile;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The Kubernetes version a hollow kubelet imitates: the texts of its events and statuses changed across releases,
 * and {@code kubectl describe} shows them verbatim. Image names are Go-{@code %q}-quoted, container names are not;
 * durations are Go durations.
 *
 * <p>{@link #V1_20} is the seed article's cluster (kubelet v1.20.1 on containerd 1.4), byte for byte;
 * {@link #V1_32} is current. Texts marked "verify" in {@code scheduler-kubelet-events.md} were checked against the
 * kubelet's image manager and volume code of each era.
 */
public enum VersionProfile {

    /** Kubernetes 1.20 (kubelet v1.20.1, containerd 1.4.3): the seed's cluster. */
    V1_20("1.20", "v1.20.1", "containerd://1.4.3"),
    /** Kubernetes 1.32 (kubelet v1.32.0, containerd 1.7): current texts. */
    V1_32("1.32", "v1.32.0", "containerd://1.7.24");

    /** The profile used when the caller names none. */
    public static final VersionProfile CURRENT = V1_32;

    private final String minor;
    private final String kubeletVersion;
    private final String containerRuntimeVersion;

    VersionProfile(String minor, String kubeletVersion, String containerRuntimeVersion) {
        this.minor = minor;
        this.kubeletVersion = kubeletVersion;
        this.containerRuntimeVersion = containerRuntimeVersion;
    }

    /** The profile for {@code 1.20}, {@code v1.20.1}, {@code 1.32}, {@code current}, ... */
    public static VersionProfile parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("current") || t.equals("latest")) {
            return CURRENT;
        }
        if (t.startsWith("v")) {
            t = t.substring(1);
        }
        for (VersionProfile profile : values()) {
            if (t.equals(profile.minor) || t.startsWith(profile.minor + ".")) {
                return profile;
            }
        }
        throw new IllegalArgumentException("no version profile for " + text + "; known: 1.20, 1.32");
    }

    /** {@code 1.20} or {@code 1.32}. */
    public String minor() {
        return minor;
    }

    /** What nodes report as {@code nodeInfo.kubeletVersion} (and kube-proxy version) by default. */
    public String kubeletVersion() {
        return kubeletVersion;
    }

    /** What nodes report as {@code nodeInfo.containerRuntimeVersion}. */
    public String containerRuntimeVersion() {
        return containerRuntimeVersion;
    }

    /**
     * Whether pods carry the {@code PodReadyToStartContainers} condition (beta and on by default since 1.29), listed
     * first.
     */
    public boolean reportsPodReadyToStartContainers() {
        return this != V1_20;
    }

    /**
     * Whether the kubelet's event spam filter gives each event type its own budget (client-go v0.32+). Before, one
     * budget of 25 covered all events of a source about an object.
     */
    public boolean spamFilterKeysByType() {
        return this != V1_20;
    }

    // ---------------------------------------------------------------- images

    /** {@code Pulling} (Normal). */
    public String pulling(String image) {
        return "Pulling image " + GoQuote.quote(image);
    }

    /** {@code Pulled} (Normal) when no pull was needed. */
    public String alreadyPresent(String image) {
        return "Container image " + GoQuote.quote(image) + " already present on machine";
    }

    /**
     * {@code Pulled} (Normal) after a pull. 1.19–1.25 print the time since the pull was requested (waiting for the
     * serial puller included) as a full-precision Go duration; 1.26+ print the pull itself and the total, both
     * truncated to milliseconds, and from 1.30 the image size.
     *
     * @param pull    how long the runtime spent pulling
     * @param total   from the request to the end, waiting included
     * @param size    the image size in bytes
     */
    public String successfullyPulled(String image, Duration pull, Duration total, long size) {
        if (this == V1_20) {
            return "Successfully pulled image " + GoQuote.quote(image) + " in " + GoDuration.format(total);
        }
        return "Successfully pulled image " + GoQuote.quote(image) + " in "
                + GoDuration.format(GoDuration.truncatedToMillis(pull)) + " ("
                + GoDuration.format(GoDuration.truncatedToMillis(total)) + " including waiting). Image size: "
                + size + " bytes.";
    }

    /** {@code Failed} (Warning) after a failed pull; {@code error} is the container runtime's text. */
    public String failedToPull(String image, String error) {
        return "Failed to pull image " + GoQuote.quote(image) + ": " + error;
    }

    /** {@code BackOff} (Normal, not Warning) while the image's back-off lasts. */
    public String backOffPulling(String image) {
        return "Back-off pulling image " + GoQuote.quote(image);
    }

    /**
     * The container's waiting message while backing off. Newer kubelets append the last pull error so that
     * {@code kubectl describe} shows why (image manager {@code prevPullErrMsg}); 1.20 did not.
     */
    public String backOffWaitingMessage(String image, String lastPullError) {
        if (this == V1_20 || lastPullError == null) {
            return backOffPulling(image);
        }
        return backOffPulling(image) + ": ErrImagePull: " + lastPullError;
    }

    /** {@code ErrImageNeverPull} (Warning). */
    public String neverPull(String image) {
        return "Container image " + GoQuote.quote(image) + " is not present with pull policy of Never";
    }

    /** {@code Failed} (Warning) that starting the container records for every failure: {@code Error: <reason>}. */
    public String error(String reason) {
        return "Error: " + reason;
    }

    /**
     * What containerd answers for an image whose repository does not exist (Docker Hub answers 401
     * insufficient_scope); the kubelet wraps the gRPC status, hence the {@code rpc error} prefix.
     *
     * @param reference the fully qualified reference, e.g. {@code docker.io/library/nginxa:1.8}
     */
    public String pullAccessDenied(String reference) {
        String quoted = GoQuote.quote(reference);
        return "rpc error: code = Unknown desc = failed to pull and unpack image " + quoted
                + ": failed to resolve reference " + quoted
                + ": pull access denied, repository does not exist or may require authorization: server message: "
                + "insufficient_scope: authorization failed";
    }

    // ---------------------------------------------------------------- containers

    /** {@code Created} (Normal). Kubernetes 1.33 added a colon and 1.35 dropped the name. */
    public String created(String container) {
        return "Created container " + container;
    }

    /** {@code Started} (Normal). */
    public String started(String container) {
        return "Started container " + container;
    }

    /** {@code Killing} (Normal) when a pod is deleted. */
    public String killing(String container) {
        return "Stopping container " + container;
    }

    // ---------------------------------------------------------------- volumes

    /** {@code FailedMount} (Warning) from the volume manager, with its space before the colon. */
    public String mountSetUpFailed(String volume, String error) {
        return "MountVolume.SetUp failed for volume " + GoQuote.quote(volume) + " : " + error;
    }

    /** The configmap volume plugin's error for a missing configmap (the resource name is singular). */
    public String configMapNotFound(String name) {
        return "configmap " + GoQuote.quote(name) + " not found";
    }

    /**
     * {@code FailedMount} (Warning) from the pod worker when its volumes are still not mounted after the wait (2m3s).
     * Lists print as Go's {@code %v} of a string slice: {@code [a b]}.
     */
    public String unableToMount(List<String> unmounted, List<String> unattached) {
        if (this == V1_20) {
            return "Unable to attach or mount volumes: unmounted volumes=" + goList(unmounted)
                    + ", unattached volumes=" + goList(unattached) + ": timed out waiting for the condition";
        }
        return "Unable to attach or mount volumes: unmounted volumes=" + goList(unmounted)
                + ", unattached volumes=" + goList(unattached) + ", failed to process volumes=[]"
                + ": context deadline exceeded";
    }

    // ---------------------------------------------------------------- nodes

    /** {@code Starting} (Normal), the kubelet's birth cry. */
    public String startingKubelet() {
        return "Starting kubelet.";
    }

    /** {@code NodeHasSufficientMemory}, {@code NodeReady}, ... (Normal). */
    public String nodeStatusIsNow(String node, String reason) {
        return "Node " + node + " status is now: " + reason;
    }

    /** {@code NodeAllocatableEnforced} (Normal). */
    public String allocatableEnforced() {
        return "Updated Node Allocatable limit across pods";
    }

    private static String goList(List<String> items) {
        return "[" + String.join(" ", items) + "]";
    }
}
