package io.kevents.kubelet.image;

/**
 * An image reference normalised as containerd normalises it ({@code nginx:1.8} is
 * {@code docker.io/library/nginx:1.8}, {@code alpine} is {@code docker.io/library/alpine:latest}). The catalogue is
 * keyed by the normalised form so that every spelling of an image finds the same entry; messages keep the image as
 * written in the pod spec, as the kubelet does.
 *
 * @param domain the registry, e.g. {@code docker.io}
 * @param path   the repository, e.g. {@code library/nginx}
 * @param tag    the tag; {@code latest} when neither tag nor digest was given; {@code null} with only a digest
 * @param digest e.g. {@code sha256:...}, or {@code null}
 */
public record ImageReference(String domain, String path, String tag, String digest) {

    private static final String DOCKER_HUB = "docker.io";

    /** Normalises {@code image} as written in a container spec. */
    public static ImageReference parse(String image) {
        String rest = image.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String domain = DOCKER_HUB;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                domain = first.equals("index.docker.io") ? DOCKER_HUB : first;
                path = rest.substring(slash + 1);
            }
        }
        if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(domain, path, tag, digest);
    }

    /** {@code docker.io/library/nginx:1.8} (with {@code @digest} when there is one). */
    public String full() {
        StringBuilder out = new StringBuilder(domain).append('/').append(path);
        if (tag != null) {
            out.append(':').append(tag);
        }
        if (digest != null) {
            out.append('@').append(digest);
        }
        return out.toString();
    }

    /** {@code docker.io/library/nginx} */
    public String repository() {
        return domain + "/" + path;
    }

    @Override
    public String toString() {
        return full();
    }
}
