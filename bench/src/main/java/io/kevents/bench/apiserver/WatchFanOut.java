package io.kevents.bench.apiserver;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Watch fan-out: {@code watchers} chunked HTTP watches of core/v1 events while events are written at a fixed rate.
 * Measures, per delivered event, the time from the start of its POST to its arrival at a watcher (both in this
 * JVM, so one clock), and checks that every watcher received every event exactly once.
 *
 * <p>The harness shares the machine with the server, so it reads each line as little as it can: the watches are
 * plain Netty HTTP clients (the bytes are read where Netty received them, without copies), line ends are found
 * with Netty's vectorised byte search, and only the head of each line is parsed, where the watch event's type and
 * the object's name are. Every line is counted and its event identified; none is sampled.
 */
final class WatchFanOut {

    /** The watch event's type and the object's name come within this many bytes of a line's start. */
    private static final int HEAD_BYTES = 256;
    private static final byte[] ADDED = "{\"type\":\"ADDED\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NAME = "\"name\":\"w-".getBytes(StandardCharsets.US_ASCII);

    record Result(long written, long expectedDeliveries, long deliveries, long duplicates,
                  double bytesPerDelivery, double p50Millis, double p99Millis, double maxMillis,
                  int incompleteWatchers, double writeP50Millis, double writeP99Millis) {
    }

    /**
     * Writes events with {@code padding} extra message characters at {@code eventsPerSecond} for {@code warmup},
     * waits until every watcher has them all, then writes at the same rate for {@code duration}. Latencies count
     * only the events of the measured phase: the server's JIT compiles its paths during the warm-up (on this
     * machine's two cores, while the load runs), and the measured phase starts with no backlog. Completeness
     * counts every event.
     */
    static Result run(int port, int watchers, int eventsPerSecond, int padding, Duration warmup, Duration duration)
            throws Exception {
        int capacity = (int) ((warmup.toSeconds() + duration.toSeconds() + 2) * eventsPerSecond);
        AtomicLongArray sentAt = new AtomicLongArray(capacity);
        // The writes use Vert.x's client on their own event loop: answers to them must not wait behind the watch
        // streams being read, or the harness's own queueing would show up as delivery latency.
        Vertx writerVertx = Vertx.vertx();
        HttpClient writeClient = writerVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setDefaultHost("127.0.0.1").setDefaultPort(port), new PoolOptions().setHttp1MaxSize(128));
        String startVersion = writeClient.request(new RequestOptions().setMethod(HttpMethod.GET)
                        .setURI("/api/v1/namespaces/watchbench/events?limit=1"))
                .compose(r -> r.send()).compose(r -> r.body()).toCompletionStage().toCompletableFuture().join()
                .toString().replaceAll("(?s).*\"resourceVersion\":\"(\\d+)\".*", "$1");
        // One event loop per core reads the watches; each loop has its own histogram.
        int loops = Runtime.getRuntime().availableProcessors();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(loops, NioIoHandler.newFactory());
        Map<EventExecutor, LatencyHistogram> histograms = new HashMap<>();
        group.forEach(loop -> histograms.put(loop, new LatencyHistogram()));
        // Set when the measured phase starts; deliveries of earlier events are counted, not timed.
        AtomicLong measureStart = new AtomicLong(Long.MAX_VALUE);
        CountDownLatch connected = new CountDownLatch(watchers);
        WatchReader[] readers = new WatchReader[watchers];
        String uri = "/api/v1/namespaces/watchbench/events?watch=true&resourceVersion=" + startVersion
                + "&timeoutSeconds=3600";
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class);
        for (int w = 0; w < watchers; w++) {
            WatchReader reader = new WatchReader(sentAt, measureStart, capacity);
            readers[w] = reader;
            bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    reader.histogram = histograms.get(channel.eventLoop());
                    reader.loop = channel.eventLoop();
                    channel.pipeline().addLast(new HttpClientCodec(), new WatchHandler(reader, connected));
                }
            }).connect("127.0.0.1", port).addListener((ChannelFutureListener) future -> {
                if (!future.isSuccess()) {
                    connected.countDown();
                    return;
                }
                FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                        io.netty.handler.codec.http.HttpMethod.GET, uri);
                request.headers().set(HttpHeaderNames.HOST, "127.0.0.1:" + port)
                        .set(HttpHeaderNames.ACCEPT, "application/json");
                future.channel().writeAndFlush(request);
            });
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("watchers did not connect");
        }
        LatencyHistogram writeLatencies = new LatencyHistogram();
        Writer writer = new Writer(writeClient, sentAt, eventsPerSecond, padding, writeLatencies);
        int warmupEvents = writer.write(0, warmup, Long.MAX_VALUE);
        long warmupDrained = awaitDeliveries(readers, (long) watchers * warmupEvents);
        System.out.printf("warm-up: %,d events written in %d s; every watcher had them %.1f s after the last write%n",
                warmupEvents, warmup.toSeconds(), warmupDrained / 1e9);
        long measureFrom = System.nanoTime();
        measureStart.set(measureFrom);
        int written = writer.write(warmupEvents, duration, measureFrom) - warmupEvents;
        long expected = (long) watchers * (warmupEvents + written);
        awaitDeliveries(readers, expected);
        long deliveries = delivered(readers);
        long duplicates = 0;
        long bytes = 0;
        int incomplete = 0;
        for (WatchReader reader : readers) {
            duplicates += reader.duplicates;
            bytes += reader.bytes;
            if (reader.distinct() < warmupEvents + written) {
                incomplete++;
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        writeClient.close();
        writerVertx.close().toCompletionStage().toCompletableFuture().join();
        LatencyHistogram all = new LatencyHistogram();
        for (LatencyHistogram histogram : histograms.values()) {
            all.add(histogram);
        }
        return new Result(written, expected, deliveries, duplicates,
                deliveries == 0 ? Double.NaN : (double) bytes / deliveries, all.percentileMillis(0.50),
                all.percentileMillis(0.99), all.maxMillis(), incomplete, writeLatencies.percentileMillis(0.50),
                writeLatencies.percentileMillis(0.99));
    }

    /** Waits (at most 60 s) until the readers have {@code expected} lines; returns how long it waited, in ns. */
    private static long awaitDeliveries(WatchReader[] readers, long expected) throws Exception {
        long start = System.nanoTime();
        long waitUntil = start + Duration.ofSeconds(60).toNanos();
        while (delivered(readers) < expected && System.nanoTime() < waitUntil) {
            Thread.sleep(20);
        }
        return System.nanoTime() - start;
    }

    /** Lines received by every reader, each count read on the reader's own event loop (which owns it). */
    private static long delivered(WatchReader[] readers) throws Exception {
        Map<EventExecutor, List<WatchReader>> byLoop = new HashMap<>();
        for (WatchReader reader : readers) {
            if (reader.loop != null) {
                byLoop.computeIfAbsent(reader.loop, ignored -> new ArrayList<>()).add(reader);
            }
        }
        long total = 0;
        for (Map.Entry<EventExecutor, List<WatchReader>> loop : byLoop.entrySet()) {
            total += loop.getKey().submit(() -> loop.getValue().stream().mapToLong(r -> r.lines).sum()).get();
        }
        return total;
    }

    /** Hands a watch response's body to its reader; counts the watch as connected on its headers. */
    private static final class WatchHandler extends SimpleChannelInboundHandler<HttpObject> {
        private final WatchReader reader;
        private final CountDownLatch connected;

        WatchHandler(WatchReader reader, CountDownLatch connected) {
            this.reader = reader;
            this.connected = connected;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, HttpObject message) {
            if (message instanceof HttpResponse response) {
                if (response.status().code() != 200) {
                    throw new IllegalStateException("watch answered " + response.status());
                }
                connected.countDown();
            }
            if (message instanceof HttpContent content) {
                reader.read(content.content());
            }
        }
    }

    /** Writes events named {@code w-<sequence>} at a fixed rate (open loop: it does not wait for answers). */
    private static final class Writer {
        private final HttpClient client;
        private final AtomicLongArray sentAt;
        private final long intervalNanos;
        private final int padding;
        private final LatencyHistogram latencies;

        Writer(HttpClient client, AtomicLongArray sentAt, int eventsPerSecond, int padding,
               LatencyHistogram latencies) {
            this.client = client;
            this.sentAt = sentAt;
            this.intervalNanos = 1_000_000_000L / eventsPerSecond;
            this.padding = padding;
            this.latencies = latencies;
        }

        /**
         * Writes from sequence {@code first} for {@code duration}, recording answer latencies of writes started
         * after {@code measureFrom}; returns the next sequence.
         */
        int write(int first, Duration duration, long measureFrom) {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            long next = start;
            int sequence = first;
            while (next < end && sequence < sentAt.length()) {
                long now = System.nanoTime();
                if (now < next) {
                    LockSupport.parkNanos(next - now);
                    continue;
                }
                Buffer body = Buffer.buffer(Payloads.event("watchbench", "w-" + sequence, sequence % 100, padding));
                long sent = System.nanoTime();
                sentAt.set(sequence, sent);
                sequence++;
                client.request(new RequestOptions().setMethod(HttpMethod.POST)
                                .setURI("/api/v1/namespaces/watchbench/events").putHeader("Content-Type",
                                        "application/json"))
                        .compose(r -> r.send(body)).compose(r -> r.body())
                        .onSuccess(ignored -> {
                            // Recorded on the writer's single event loop.
                            if (sent >= measureFrom) {
                                latencies.record(System.nanoTime() - sent);
                            }
                        });
                next += intervalNanos;
            }
            return sequence;
        }
    }

    /**
     * One watch's stream, read on its connection's event loop: counts lines, identifies each event by its name
     * ({@code w-<sequence>}) and records its delivery latency.
     */
    private static final class WatchReader {
        private final AtomicLongArray sentAt;
        private final AtomicLong measureStart;
        /** The reader's event loop and that loop's histogram, set when the connection is made. */
        EventExecutor loop;
        LatencyHistogram histogram;
        private final BitSet seen;
        /** The head of the line being read, when it spans reads. */
        private final byte[] head = new byte[HEAD_BYTES];
        private int headLength;
        /** Where the name was in the last line (the same, as long as the served objects are alike). */
        private int nameAt = -1;
        long lines;
        long duplicates;
        long bytes;

        WatchReader(AtomicLongArray sentAt, AtomicLong measureStart, int capacity) {
            this.sentAt = sentAt;
            this.measureStart = measureStart;
            this.seen = new BitSet(capacity);
        }

        long distinct() {
            return seen.cardinality();
        }

        void read(ByteBuf buf) {
            long now = System.nanoTime();
            int position = buf.readerIndex();
            int end = buf.writerIndex();
            bytes += end - position;
            while (position < end) {
                int lineEnd = buf.indexOf(position, end, (byte) '\n');
                int headEnd = lineEnd < 0 ? end : lineEnd;
                int copy = Math.min(headEnd - position, HEAD_BYTES - headLength);
                if (copy > 0) {
                    buf.getBytes(position, head, headLength, copy);
                    headLength += copy;
                }
                if (lineEnd < 0) {
                    return;
                }
                lineRead(now);
                position = lineEnd + 1;
            }
        }

        private void lineRead(long now) {
            int length = headLength;
            headLength = 0;
            if (!matchesAt(head, length, ADDED, 0)) {
                return;
            }
            int name = nameAt >= 0 && matchesAt(head, length, NAME, nameAt) ? nameAt : indexOf(head, length, NAME);
            nameAt = name;
            if (name < 0) {
                return;
            }
            int sequence = 0;
            for (int i = name + NAME.length; i < length && head[i] >= '0' && head[i] <= '9'; i++) {
                sequence = sequence * 10 + (head[i] - '0');
            }
            lines++;
            if (seen.get(sequence)) {
                duplicates++;
                return;
            }
            seen.set(sequence);
            long sent = sentAt.get(sequence);
            if (sent >= measureStart.get()) {
                histogram.record(now - sent);
            }
        }

        private static boolean matchesAt(byte[] bytes, int length, byte[] needle, int at) {
            if (at + needle.length > length) {
                return false;
            }
            for (int i = 0; i < needle.length; i++) {
                if (bytes[at + i] != needle[i]) {
                    return false;
                }
            }
            return true;
        }

        private static int indexOf(byte[] bytes, int length, byte[] needle) {
            for (int at = 0; at + needle.length <= length; at++) {
                if (matchesAt(bytes, length, needle, at)) {
                    return at;
                }
            }
            return -1;
        }
    }
}
