package io.kevents.bench.apiserver;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling of the watch fan-out scenario on this machine: a plain Netty server that stores nothing and decodes
 * nothing. A POSTed event is answered 201 with its own body and becomes one watch line ({@code {"type":"ADDED",
 * "object":<body>}}), made once and shared by every watch without copies, and sent in batches at most every 25 ms
 * per watch, as kevents does. Whatever delivery latency it reaches, a real server on the same machine and load
 * generator cannot beat.
 */
public final class FanOutCeilingMain {

    private static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    private static final byte[] EMPTY_LIST = ("{\"kind\":\"EventList\",\"apiVersion\":\"v1\",\"metadata\":"
            + "{\"resourceVersion\":\"1\"},\"items\":[]}").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LINE_START = "{\"type\":\"ADDED\",\"object\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LINE_END = "}\n".getBytes(StandardCharsets.US_ASCII);

    private FanOutCeilingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int loops = Math.max(2, Runtime.getRuntime().availableProcessors());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(loops, NioIoHandler.newFactory());
        Map<EventLoop, Watches> watchesByLoop = new HashMap<>();
        group.forEach(executor -> watchesByLoop.put((EventLoop) executor, new Watches((EventLoop) executor)));
        List<Watches> allWatches = List.copyOf(watchesByLoop.values());
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new Handler(watchesByLoop.get(channel.eventLoop()), allWatches));
                    }
                }).bind("127.0.0.1", Integer.parseInt(args[0])).sync().channel();
        System.out.println("fan-out ceiling listening on " + args[0]);
        server.closeFuture().sync();
    }

    /** The watches of one event loop and the lines they have yet to be sent (that loop only). */
    private static final class Watches {
        final EventLoop loop;
        final List<Channel> channels = new ArrayList<>();
        final List<ByteBuf> pending = new ArrayList<>();
        long lastFlushNanos;
        boolean flushScheduled;

        Watches(EventLoop loop) {
            this.loop = loop;
        }

        /** Queues a line (from any thread); a line after a quiet spell goes at once, others wait for the batch. */
        void add(ByteBuf line) {
            loop.execute(() -> {
                pending.add(line);
                if (flushScheduled) {
                    return;
                }
                flushScheduled = true;
                long wait = lastFlushNanos + BATCH_NANOS - System.nanoTime();
                if (wait <= 0) {
                    loop.execute(this::flush);
                } else {
                    loop.schedule(this::flush, wait, TimeUnit.NANOSECONDS);
                }
            });
        }

        private void flush() {
            flushScheduled = false;
            lastFlushNanos = System.nanoTime();
            for (Channel channel : channels) {
                CompositeByteBuf batch = Unpooled.compositeBuffer(pending.size());
                for (ByteBuf line : pending) {
                    batch.addComponent(true, line.retainedDuplicate());
                }
                channel.writeAndFlush(new DefaultHttpContent(batch));
            }
            pending.forEach(ByteBuf::release);
            pending.clear();
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Watches ownLoop;
        private final List<Watches> allLoops;

        Handler(Watches ownLoop, List<Watches> allLoops) {
            this.ownLoop = ownLoop;
            this.allLoops = allLoops;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            if (request.method() == HttpMethod.GET && request.uri().contains("watch=true")) {
                HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                head.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
                HttpUtil.setTransferEncodingChunked(head, true);
                context.writeAndFlush(head);
                ownLoop.channels.add(context.channel());
                context.channel().closeFuture().addListener(ignored -> ownLoop.channels.remove(context.channel()));
                return;
            }
            if (request.method() == HttpMethod.POST) {
                ByteBuf body = request.content();
                if (request.uri().endsWith("/events")) {
                    ByteBuf line = context.alloc().directBuffer(LINE_START.length + body.readableBytes()
                            + LINE_END.length);
                    line.writeBytes(LINE_START).writeBytes(body, body.readerIndex(), body.readableBytes())
                            .writeBytes(LINE_END);
                    line.retain(allLoops.size() - 1);
                    allLoops.forEach(watches -> watches.add(line));
                }
                answer(context, HttpResponseStatus.CREATED, body.retainedDuplicate());
                return;
            }
            answer(context, HttpResponseStatus.OK, Unpooled.wrappedBuffer(EMPTY_LIST));
        }

        private static void answer(ChannelHandlerContext context, HttpResponseStatus status, ByteBuf body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            context.writeAndFlush(response);
        }
    }
}
