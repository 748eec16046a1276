package io.kevents.kubelet.api;

/** One blocking API request, run on a writer thread; reports its outcome instead of throwing. */
@FunctionalInterface
public interface ApiCall {

    /** Sends the request. */
    WriteResult call();
}
