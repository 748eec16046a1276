package io.kevents.bench.storage;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference: plain jetcd puts against the same etcd, one put per request or grouped into transactions, all
 * attached to one lease (as in the testing notes' measurement), driven by the same closed-loop harness as the
 * stores. Latency is per request.
 */
final class RawEtcdLoad implements AutoCloseable {

    private final Client client;
    private final KV kv;
    private final EventFixture fixture = new EventFixture(1024);
    private final AtomicLong sequence = new AtomicLong();
    private final long lease;

    RawEtcdLoad(URI endpoint) throws Exception {
        client = Client.builder().endpoints(endpoint).build();
        kv = client.getKVClient();
        lease = client.getLeaseClient().grant(3600).get(30, TimeUnit.SECONDS).getID();
    }

    /** {@code inFlight} requests outstanding, each a plain put ({@code putsPerRequest == 1}) or a transaction. */
    WriteLoad.Result run(int inFlight, int putsPerRequest, Duration warmup, Duration duration) throws Exception {
        PutOption withLease = PutOption.builder().withLeaseId(lease).build();
        WriteLoad load = new WriteLoad(i -> {
            if (putsPerRequest == 1) {
                EventFixture.Event e = fixture.event(i);
                return kv.put(bytes(e.key()), ByteSequence.from(e.value()), withLease);
            }
            Op[] ops = new Op[putsPerRequest];
            for (int p = 0; p < putsPerRequest; p++) {
                EventFixture.Event e = fixture.event(i * putsPerRequest + p);
                ops[p] = Op.put(bytes(e.key()), ByteSequence.from(e.value()), withLease);
            }
            return kv.txn().Then(ops).commit();
        }, putsPerRequest, sequence);
        return load.run(inFlight, warmup, duration);
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        client.close();
    }
}
