package io.kevents.apiserver.registry;

import java.util.List;

/**
 * One resource the server serves in one group-version, as discovery lists it.
 *
 * @param group         "" for core
 * @param version       e.g. {@code v1}
 * @param resource      plural name, e.g. {@code pods}
 * @param singular      e.g. {@code pod}
 * @param kind          e.g. {@code Pod}
 * @param namespaced    whether objects live in namespaces
 * @param shortNames    e.g. {@code po}
 * @param categories    e.g. {@code all}
 * @param subresources  e.g. {@code status}, {@code binding}
 * @param storagePrefix where objects are kept, e.g. {@code /registry/pods/} (shared by the two event APIs)
 */
public record ResourceType(String group, String version, String resource, String singular, String kind,
                           boolean namespaced, List<String> shortNames, List<String> categories,
                           List<String> subresources, String storagePrefix) {

    /** The verbs every resource here supports. */
    public static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");

    /** {@code group/version}, or {@code version} for core. */
    public String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The {@code apiVersion} of objects served here (same as {@link #groupVersion()}). */
    public String apiVersion() {
        return groupVersion();
    }

    /** The storage key of one object. */
    public String key(String namespace, String name) {
        return namespaced ? storagePrefix + namespace + "/" + name : storagePrefix + name;
    }

    /** The storage prefix of a namespace's objects, or of all objects when {@code namespace} is null. */
    public String prefix(String namespace) {
        return namespaced && namespace != null ? storagePrefix + namespace + "/" : storagePrefix;
    }
}
