package io.kevents.bench.storage;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import org.HdrHistogram.Recorder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference: plain jetcd puts against the same etcd, one put per request or grouped into transactions, all
 * attached to one lease (as in the testing notes' measurement). Latency is per request.
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

    /** {@code inFlight} threads, each sending transactions of {@code putsPerRequest} puts (1: a plain put). */
    WriteLoad.Result run(int inFlight, int putsPerRequest, Duration warmup, Duration duration) throws Exception {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        Recorder recorder = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong puts = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        PutOption withLease = PutOption.builder().withLeaseId(lease).build();
        for (int i = 0; i < inFlight; i++) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        if (putsPerRequest == 1) {
                            EventFixture.Event e = fixture.event(sequence.getAndIncrement());
                            kv.put(bytes(e.key()), ByteSequence.from(e.value()), withLease).get(60, TimeUnit.SECONDS);
                        } else {
                            Op[] ops = new Op[putsPerRequest];
                            for (int p = 0; p < putsPerRequest; p++) {
                                EventFixture.Event e = fixture.event(sequence.getAndIncrement());
                                ops[p] = Op.put(bytes(e.key()), ByteSequence.from(e.value()), withLease);
                            }
                            kv.txn().Then(ops).commit().get(60, TimeUnit.SECONDS);
                        }
                        long done = System.nanoTime();
                        if (start >= measureFrom) {
                            recorder.recordValue(Math.max(1, (done - start) / 1000));
                            puts.addAndGet(putsPerRequest);
                        }
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "raw-etcd-" + i);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        while (System.nanoTime() < measureFrom) {
            Thread.sleep(10);
        }
        recorder.reset();
        long started = System.nanoTime();
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("raw etcd load failed", failures.get(0));
        }
        return new WriteLoad.Result(puts.get(), (System.nanoTime() - started) / 1e9, recorder.getIntervalHistogram());
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        client.close();
    }
}
