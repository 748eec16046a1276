package io.kevents.apiserver.http;

import io.kevents.apiserver.patch.PatchOutcome;
import io.kevents.apiserver.patch.Patcher;

/**
 * The server's patch engine: JSON merge patch, JSON patch, strategic merge patch (with the merge keys of the served
 * kinds) and a simple server-side apply, chosen by Content-Type; refusals become Kubernetes Status answers.
 */
public final class Patching {

    private Patching() {
    }

    /** The engine for the standard resources. */
    public static PatchFunction kubernetes() {
        Patcher patcher = new Patcher();
        return (contentType, kind, live, body) -> {
            PatchOutcome outcome = patcher.apply(contentType, kind, live, body);
            if (outcome instanceof PatchOutcome.Applied applied) {
                return applied.object();
            }
            var failure = ((PatchOutcome.Rejected) outcome).failure();
            throw ApiException.of(failure.code(), failure.reason(), failure.message());
        };
    }
}
