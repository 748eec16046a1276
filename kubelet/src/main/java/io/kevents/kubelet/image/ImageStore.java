package io.kevents.kubelet.image;

import io.fabric8.kubernetes.api.model.ContainerImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The images one node holds: those the catalogue marks present, plus what it has pulled since. Not thread-safe: used
 * under the node's lock.
 */
public final class ImageStore {

    /** The kubelet's default {@code nodeStatusMaxImages}: a node's status lists its 50 largest images. */
    public static final int MAX_IMAGES_IN_NODE_STATUS = 50;

    private final ImageCatalogue catalogue;
    private final Set<String> present = new LinkedHashSet<>();
    /** Node statuses list the images every 10 s; their digests are computed once. */
    private final Map<String, List<String>> names = new HashMap<>();
    /** {@link #nodeImages()} until the next pull; {@code null} when it must be listed again. */
    private List<ContainerImage> listed;

    /** A node holding the catalogue's present images. */
    public ImageStore(ImageCatalogue catalogue) {
        this.catalogue = catalogue;
        for (Map.Entry<String, ImageEntry> entry : catalogue.entries().entrySet()) {
            if (entry.getValue().availability() == ImageEntry.Availability.PRESENT) {
                present.add(entry.getKey());
            }
        }
    }

    /** Whether the image's layers are on this node. */
    public boolean isPresent(ImageReference image) {
        return present.contains(image.full());
    }

    /** Records a successful pull. */
    public void add(ImageReference image) {
        if (present.add(image.full())) {
            listed = null;
        }
    }

    /**
     * The image ID the runtime reports ({@code imageID} in container statuses): repository and a digest that is
     * stable for the reference.
     */
    public static String imageId(ImageReference image) {
        return image.repository() + "@" + digest(image);
    }

    /**
     * The node's {@code status.images}, as the kubelet lists them: largest first, at most
     * {@link #MAX_IMAGES_IN_NODE_STATUS}, each with its digest name, tag name and size. The same list (not to be
     * modified) comes back until an image is pulled, so a heartbeat tells "unchanged" cheaply.
     */
    public List<ContainerImage> nodeImages() {
        if (listed == null) {
            List<ContainerImage> images = new ArrayList<>();
            for (String reference : present) {
                ImageReference image = ImageReference.parse(reference);
                ContainerImage entry = new ContainerImage();
                entry.setNames(names.computeIfAbsent(reference, r -> List.of(imageId(image), image.full())));
                entry.setSizeBytes(catalogue.lookup(image).sizeBytes());
                images.add(entry);
            }
            // Equal sizes by name, so that every status lists them in the same order.
            images.sort(Comparator.comparing(ContainerImage::getSizeBytes, Comparator.reverseOrder())
                    .thenComparing(entry -> entry.getNames().get(1)));
            listed = List.copyOf(images.subList(0, Math.min(images.size(), MAX_IMAGES_IN_NODE_STATUS)));
        }
        return listed;
    }

    private static String digest(ImageReference image) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(image.full().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
