package io.kevents.kubelet.image;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The images the simulation knows, keyed by normalised reference, and what happens with any other image.
 * Immutable; the {@code with...} methods return changed copies.
 *
 * @param entries by {@link ImageReference#full()}
 * @param unknown the entry for images not listed
 */
public record ImageCatalogue(Map<String, ImageEntry> entries, ImageEntry unknown) {

    public ImageCatalogue {
        entries = Map.copyOf(entries);
    }

    /** No images listed; any image is pullable (30 MB at 10 MB/s). */
    public static ImageCatalogue empty() {
        return new ImageCatalogue(Map.of(), ImageEntry.pullable(30_000_000, 10_000_000));
    }

    /**
     * The seed article's cluster: {@code nginx:1.8} and {@code alpine} on every node, {@code nginxa:1.8} nowhere,
     * anything else pullable. The registry refuses {@code nginxa:1.8} after eight seconds, as the seed's first pull
     * (Pulling "2m57s", Failed "2m49s").
     */
    public static ImageCatalogue seed() {
        return empty()
                .with("nginx:1.8", ImageEntry.present(132_768_575))
                .with("alpine", ImageEntry.present(5_613_056))
                .with("nginxa:1.8", ImageEntry.nonexistent(Duration.ofSeconds(8)));
    }

    /** This catalogue with {@code image} (any spelling) described by {@code entry}. */
    public ImageCatalogue with(String image, ImageEntry entry) {
        Map<String, ImageEntry> copy = new LinkedHashMap<>(entries);
        copy.put(ImageReference.parse(image).full(), entry);
        return new ImageCatalogue(copy, unknown);
    }

    /** This catalogue with another rule for images it does not list. */
    public ImageCatalogue withUnknown(ImageEntry entry) {
        return new ImageCatalogue(entries, entry);
    }

    /** The entry for {@code image} (any spelling). */
    public ImageEntry lookup(ImageReference image) {
        return entries.getOrDefault(image.full(), unknown);
    }
}
