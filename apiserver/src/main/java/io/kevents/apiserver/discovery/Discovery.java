package io.kevents.apiserver.discovery;

import io.kevents.apiserver.json.Json;
import io.kevents.apiserver.registry.Registry;
import io.kevents.apiserver.registry.ResourceType;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Legacy discovery documents ({@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/<group>/<version>}),
 * which both kubectl 1.20 and 1.32 use to map {@code ev}, {@code po}, {@code no}... to resources. kubectl 1.32
 * first asks for aggregated discovery; a plain JSON answer makes it fall back to these.
 */
public final class Discovery {

    private final Registry registry;

    public Discovery(Registry registry) {
        this.registry = registry;
    }

    /** {@code /api}: the core versions. */
    public ObjectNode coreVersions(String serverAddress) {
        ObjectNode versions = Json.object();
        versions.put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        versions.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                .put("serverAddress", serverAddress);
        return versions;
    }

    /** {@code /apis}: every named group. */
    public ObjectNode groups() {
        ObjectNode list = Json.object();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        for (String groupVersion : registry.byGroupVersion().keySet()) {
            if (groupVersion.contains("/")) {
                groups.add(group(groupVersion));
            }
        }
        return list;
    }

    /** {@code /apis/<group>}, or {@code null} if the group is not served. */
    public ObjectNode namedGroup(String groupName) {
        for (String groupVersion : registry.byGroupVersion().keySet()) {
            if (groupVersion.startsWith(groupName + "/")) {
                ObjectNode group = group(groupVersion);
                group.put("kind", "APIGroup");
                group.put("apiVersion", "v1");
                return group;
            }
        }
        return null;
    }

    /** {@code /api/v1} or {@code /apis/<group>/<version>}, or {@code null} if not served. */
    public ObjectNode resources(String groupVersion) {
        List<ResourceType> types = registry.byGroupVersion().get(groupVersion);
        if (types == null) {
            return null;
        }
        ObjectNode list = Json.object();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", groupVersion);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType type : types) {
            ObjectNode resource = resources.addObject();
            resource.put("name", type.resource());
            resource.put("singularName", type.singular());
            resource.put("namespaced", type.namespaced());
            resource.put("kind", type.kind());
            ArrayNode verbs = resource.putArray("verbs");
            ResourceType.VERBS.forEach(verbs::add);
            if (!type.shortNames().isEmpty()) {
                ArrayNode shortNames = resource.putArray("shortNames");
                type.shortNames().forEach(shortNames::add);
            }
            if (!type.categories().isEmpty()) {
                ArrayNode categories = resource.putArray("categories");
                type.categories().forEach(categories::add);
            }
            for (String sub : type.subresources()) {
                ObjectNode subresource = resources.addObject();
                subresource.put("name", type.resource() + "/" + sub);
                subresource.put("singularName", "");
                subresource.put("namespaced", type.namespaced());
                boolean binding = sub.equals("binding");
                subresource.put("kind", binding ? "Binding" : type.kind());
                ArrayNode subVerbs = subresource.putArray("verbs");
                List<String> allowed = switch (sub) {
                    case "binding" -> List.of("create");
                    case "log" -> List.of("get");
                    default -> List.of("get", "patch", "update");
                };
                allowed.forEach(subVerbs::add);
            }
        }
        return list;
    }

    /** {@code /version}: exactly the nine fields Kubernetes has (strict clients reject others). */
    public static ObjectNode version(String kubernetesVersion) {
        String[] parts = kubernetesVersion.split("\\.");
        ObjectNode version = Json.object();
        version.put("major", parts[0]);
        version.put("minor", parts.length > 1 ? parts[1] : "0");
        version.put("gitVersion", "v" + kubernetesVersion);
        version.put("gitCommit", "kevents");
        version.put("gitTreeState", "clean");
        version.put("buildDate", "2026-11-26T00:00:00Z");
        version.put("goVersion", "go1.23.0");
        version.put("compiler", "gc");
        version.put("platform", "linux/amd64");
        return version;
    }

    private static ObjectNode group(String groupVersion) {
        String[] parts = groupVersion.split("/");
        ObjectNode group = Json.object();
        group.put("name", parts[0]);
        ObjectNode version = Json.object().put("groupVersion", groupVersion).put("version", parts[1]);
        group.putArray("versions").add(version);
        group.set("preferredVersion", version.deepCopy());
        return group;
    }
}
