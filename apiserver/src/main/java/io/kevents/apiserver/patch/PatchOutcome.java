package io.kevents.apiserver.patch;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/** The result of {@link Patcher#apply}: either the patched object or the failure to answer with. */
public sealed interface PatchOutcome {

    /**
     * The patch applied.
     *
     * @param object the patched object, a new tree that shares nothing with the live object
     */
    record Applied(ObjectNode object) implements PatchOutcome {
        public Applied {
            Objects.requireNonNull(object, "object");
        }
    }

    /**
     * The patch was refused; nothing was changed.
     *
     * @param failure the HTTP code, reason and message to answer with
     */
    record Rejected(PatchFailure failure) implements PatchOutcome {
        public Rejected {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** The patched object, or a {@link PatchException} carrying the failure. */
    default ObjectNode orElseThrow() throws PatchException {
        if (this instanceof Applied applied) {
            return applied.object();
        }
        throw new PatchException(((Rejected) this).failure());
    }
}
