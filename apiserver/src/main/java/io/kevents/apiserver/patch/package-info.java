/**
 * The PATCH engines of the API server: JSON Patch (RFC 6902), JSON merge patch (RFC 7386), Kubernetes strategic
 * merge patch and a simplified server-side apply, behind one entry point, {@link io.kevents.apiserver.patch.Patcher}.
 *
 * <p>Objects are Jackson trees. No engine ever mutates the live object it is given; every failure caused by the
 * request is returned as a {@link io.kevents.apiserver.patch.PatchFailure} (HTTP code, Kubernetes reason, message)
 * that the HTTP layer turns into a {@code Status}.
 *
 * <p>Which list fields merge by which key comes from a {@link io.kevents.apiserver.patch.PatchSchema}; the built-in
 * one ({@link io.kevents.apiserver.patch.PatchSchema#kubernetes()}) mirrors the {@code patchStrategy} and
 * {@code patchMergeKey} struct tags of the Kubernetes API types this server serves.
 */
package io.kevents.apiserver.patch;
