package io.kevents.apiserver.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a request path addresses, as kube-apiserver's RequestInfoFactory parses it:
 * {@code /api/v1[/namespaces/<ns>]/<resource>[/<name>[/<subresource>]]} and
 * {@code /apis/<group>/<version>[/namespaces/<ns>]/<resource>[/<name>[/<subresource>]]}. Requests for the
 * {@code namespaces} resource itself ({@code /api/v1/namespaces/<name>}) have the name, not a namespace.
 *
 * @param group       "" for the core group
 * @param version     e.g. {@code v1}
 * @param namespace   the namespace, or {@code null} for cluster-wide requests
 * @param resource    e.g. {@code pods}
 * @param name        the object name, or {@code null} for collections
 * @param subresource e.g. {@code status}, {@code binding}, or {@code null}
 */
public record RequestInfo(String group, String version, String namespace, String resource, String name,
                          String subresource) {

    /** What follows {@code /namespaces/<name>/} when it addresses the namespace itself, as upstream has it. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    /** Parses a resource path; {@code null} for paths that are not resource requests (discovery, version...). */
    public static RequestInfo parse(String path) {
        List<String> parts = segments(path);
        String group;
        String version;
        int next;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            version = parts.get(1);
            next = 2;
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            version = parts.get(2);
            next = 3;
        } else {
            return null;
        }
        List<String> rest = parts.subList(next, parts.size());
        if (rest.isEmpty()) {
            return null; // group-version discovery
        }
        String namespace = null;
        // /namespaces/<ns>/<resource>..., except a namespace's own subresources (/namespaces/<name>/status).
        if (rest.get(0).equals("namespaces") && rest.size() >= 3 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : null;
        String subresource = rest.size() > 2 ? String.join("/", rest.subList(2, rest.size())) : null;
        return new RequestInfo(group, version, namespace, resource, name, subresource);
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out.add(java.net.URLDecoder.decode(part.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
