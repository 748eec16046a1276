package io.kevents.recorder.sink;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * How the fabric8 sinks send patches. The patches the pipeline makes ({@link SeriesPatch}, {@link CountPatch})
 * contain no lists, so both formats produce the same result; they differ only in which servers accept them.
 */
public enum PatchFormat {
    /** {@code application/merge-patch+json}: accepted by every server, including fabric8's mock server. */
    JSON_MERGE(PatchType.JSON_MERGE),
    /** {@code application/strategic-merge-patch+json}: what client-go sends; real API servers accept it. */
    STRATEGIC_MERGE(PatchType.STRATEGIC_MERGE);

    private final PatchType type;

    PatchFormat(PatchType type) {
        this.type = type;
    }

    PatchContext context() {
        return PatchContext.of(type);
    }
}
