package io.kevents.bench.recorder;

/**
 * The benchmark's workload, as issue 2 defines it: calls spread over {@code pods} pods and {@code reasons}
 * reasons; even calls repeat a note fixed per (pod, reason), odd calls carry a note that varies with every call.
 * Reasons in the first half are Normal, the rest Warning.
 *
 * @param calls   total calls
 * @param pods    distinct pods
 * @param reasons distinct reasons
 */
record Workload(int calls, int pods, int reasons) {

    int pod(int call) {
        return call % pods;
    }

    int reason(int call) {
        return (call / pods) % reasons;
    }

    boolean warning(int call) {
        return reason(call) >= reasons / 2;
    }

    boolean fixedNote(int call) {
        return (call & 1) == 0;
    }
}
