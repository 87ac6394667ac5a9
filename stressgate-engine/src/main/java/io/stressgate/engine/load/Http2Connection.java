package io.stressgate.engine.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.collection.IntObjectHashMap;
import io.stressgate.engine.result.ErrorKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/2 connection of an event loop, carrying up to {@code limit} streams at once: the smaller of the scenario's
 * maxStreams and the server's SETTINGS_MAX_CONCURRENT_STREAMS; streams beyond it wait here for a free one. Its
 * {@link Http2Socket} connects (through a proxy's tunnel, over TLS with ALPN, as the origin is reached); once the server
 * chose h2 it sends the preface, starts streams once the server's first SETTINGS says how many it takes, and reads and
 * writes frames through {@link Http2Wire} as its socket is ready, honouring the server's flow-control windows for
 * request bodies. Whatever happens to a stream reaches the flow driver through that {@link Http2Stream}.
 */
final class Http2Connection extends TimerHeap.Timed {
    private static final Logger LOG = LoggerFactory.getLogger(Http2Connection.class);
    private static final long CANCEL = 8;
    private static final int LAST_STREAM_ID = Integer.MAX_VALUE;
    /** Characters of a non-HTTP/2 answer quoted in the log. */
    private static final int QUOTED = 60;

    private final EventLoop loop;
    final Origin origin;
    private final Http2Pool pool;
    private final Http2Wire wire = new Http2Wire(new Frames());
    private final IntObjectHashMap<Http2Stream> streams = new IntObjectHashMap<>();
    private final ArrayDeque<Http2Stream> queued = new ArrayDeque<>();
    private final Http2Outflow outflow = new Http2Outflow(wire);
    private final int maxStreams;
    private final Http2Socket socket;
    private boolean open;
    /** The server's first SETTINGS arrived: its stream limit is known, so streams may start. */
    private boolean settled;
    /** Over http, the server's first frame has not arrived yet: it must be SETTINGS, or the origin speaks no h2c. */
    private boolean prefaceDue;
    private boolean reading;
    private boolean releaseAfterRead;
    private boolean released;
    boolean draining;
    boolean closed;
    private int limit;
    private int nextId = 1;
    private int active;
    private int answered;

    Http2Connection(EventLoop loop, Origin origin, Http2Pool pool, int maxStreams) {
        this.loop = loop;
        this.origin = origin;
        this.pool = pool;
        this.maxStreams = maxStreams;
        this.limit = maxStreams;
        this.socket = new Http2Socket(loop, origin, this);
    }

    /** True when a new stream may join: open or opening, not going away, and below its limit counting the waiting. */
    boolean accepts() {
        return !closed && !draining && active + queued.size() < limit;
    }

    void submit(Http2Stream s) {
        s.session = this;
        if (settled && active < limit) {
            start(s);
            flush();
        } else {
            queued.add(s);
        }
    }

    void connect(long now, long connectTimeoutNanos) {
        loop.timers.schedule(this, now + connectTimeoutNanos);
        socket.open();
    }

    /** The socket is ready for what {@code ops} says. */
    void ready(int ops, ByteBuffer readBuffer) {
        if (!socket.up()) {
            socket.advance(ops);
            return;
        }
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            write();
        }
        if ((ops & SelectionKey.OP_READ) != 0 && !closed) {
            read(readBuffer);
        }
    }

    /**
     * The socket carries bytes: h2 goes on; anything else ALPN chose is a refusal of HTTP/2, and the requests go as
     * HTTP/1.1 instead only when the scenario allows it, else they fail as {@code h2_refused}, not sent again.
     */
    void up(String protocol) {
        if (protocol.equals("h2")) {
            established();
        } else if (pool.alpnRefused(origin, protocol)) {
            toHttp1();
        } else {
            failAll(ErrorKind.H2_REFUSED, false);
        }
    }

    /** Closes this connection and sends the requests waiting on it as HTTP/1.1; none had started (nothing settled). */
    private void toHttp1() {
        List<Http2Stream> waiting = List.copyOf(queued);
        queued.clear();
        release();
        waiting.forEach(s -> pool.overHttp1(s, System.nanoTime()));
    }

    private void established() {
        loop.timers.cancel(this);
        open = true;
        prefaceDue = !socket.encrypted(); // over TLS the server said h2 in ALPN; in clear text nothing was agreed
        wire.preface();
        write();
        if (socket.encrypted() && !closed) {
            read(null); // the server's SETTINGS may have come with the end of the handshake, already off the socket
        }
    }

    private void start(Http2Stream s) {
        s.id = nextId;
        nextId += 2;
        if (nextId > LAST_STREAM_ID - 2) {
            draining = true; // the stream ids are used up: new requests go to a new connection
        }
        streams.put(s.id, s);
        active++;
        Http2Request request = pool.request(s.request, s.iteration);
        wire.headers(s.id, request.headers(), request.body() == null);
        outflow.started(s, request.body());
    }

    /**
     * A stream is over: answered, or failed ({@code sendReset} cancels it at the server). A stream still waiting is
     * only taken off the queue. The next waiting streams take its place.
     */
    void ended(Http2Stream s, boolean wasAnswered, boolean sendReset) {
        s.session = null;
        if (s.id == 0) {
            queued.remove(s);
            return;
        }
        if (streams.remove(s.id) == null) {
            return;
        }
        active--;
        outflow.ended(s);
        if (wasAnswered) {
            answered++;
        } else if (sendReset && open && !closed) {
            wire.reset(s.id, CANCEL);
        }
        startWaiting();
        if (draining && active == 0 && queued.isEmpty()) {
            release();
        } else {
            flush();
        }
    }

    private void startWaiting() {
        while (settled && !closed && !draining && active < limit && !queued.isEmpty()) {
            start(queued.poll());
        }
    }

    /** Writes what is waiting, unless the connection is in the middle of reading (it writes once that is done). */
    private void flush() {
        if (!reading) {
            write();
        }
    }

    private void write() {
        if (!open || closed) {
            return;
        }
        try {
            socket.write(wire.pending());
        } catch (IOException e) {
            failAll(Connection.classify(e));
        }
    }

    private void read(ByteBuffer buffer) {
        reading = true;
        String refusal = null;
        try {
            do {
                ByteBuffer plain = socket.read(buffer);
                if (plain == null) {
                    refusal = prefaceDue ? lostBeforeFrame("closed") : null;
                    if (refusal == null) {
                        failAll(ErrorKind.RESET);
                    }
                    break;
                }
                if (prefaceDue) {
                    refusal = preface(plain);
                } else {
                    wire.read(plain);
                }
            } while (refusal == null && socket.more() && !closed);
        } catch (Http2Exception e) {
            LOG.warn("HTTP/2 protocol error from {}: {}", origin, e.getMessage());
            failAll(ErrorKind.OTHER);
        } catch (IOException e) {
            ErrorKind kind = Connection.classify(e);
            refusal = prefaceDue && kind == ErrorKind.RESET ? lostBeforeFrame("reset") : null;
            if (refusal == null) {
                failAll(kind);
            }
        } finally {
            reading = false;
        }
        if (refusal != null) {
            refused(refusal);
        } else if (releaseAfterRead) {
            release();
        } else {
            write();
        }
    }

    /**
     * The server's first bytes over http: null while they may still open its SETTINGS (then the frames are read as
     * usual from here on), else what it answered instead, for the log.
     */
    private String preface(ByteBuffer plain) throws Http2Exception {
        wire.take(plain);
        Boolean settings = wire.settingsFirst();
        if (settings == null) {
            return null;
        }
        if (!settings) {
            return "answered \"" + wire.firstLine(QUOTED) + "\"";
        }
        prefaceDue = false;
        pool.spokeH2c(origin);
        wire.frames();
        return null;
    }

    /**
     * The connection was {@code how} (closed, reset) before the server's first frame: a refusal of h2c, unless this
     * origin spoke h2c on the loop before (then the server merely dropped this connection); null in that case.
     */
    private String lostBeforeFrame(String how) {
        if (pool.hasSpokenH2c(origin)) {
            return null;
        }
        String got = wire.firstLine(QUOTED);
        return got.isEmpty() ? how + " the connection before any frame"
                : "answered \"" + got + "\" and " + how + " the connection";
    }

    /** The origin does not speak h2c: its requests go as HTTP/1.1 when the scenario allows it, else they fail. */
    private void refused(String answer) {
        if (pool.h2cRefused(origin, answer)) {
            toHttp1();
        } else {
            failAll(ErrorKind.H2_REFUSED, false);
        }
    }

    /** The connect or the handshake took longer than the connect timeout. */
    @Override
    void fire(long now) {
        failAll(ErrorKind.TIMEOUT);
    }

    /**
     * The connection is lost: every stream on it fails with {@code kind}. One that never went out, or that was sent
     * on a connection that had answered others and got no byte of its answer (the server closed a connection it had
     * kept), may be sent again, as an HTTP/1.1 request on a closed keep-alive connection may.
     */
    void failAll(ErrorKind kind) {
        failAll(kind, true);
    }

    /** As {@link #failAll(ErrorKind)}; without {@code mayResend} no stream is sent again (it would meet the same). */
    private void failAll(ErrorKind kind, boolean mayResend) {
        if (closed) {
            return;
        }
        List<Http2Stream> lost = new ArrayList<>(streams.values());
        lost.addAll(queued);
        streams.clear();
        queued.clear();
        outflow.clear();
        active = 0;
        release();
        for (Http2Stream s : lost) {
            s.unprocessed |= mayResend && (s.id == 0 && open || answered > 0 && !s.parser.started());
            s.session = null;
            s.failLater(kind);
        }
    }

    /** Closes the socket; while reading, once the read is done. Streams still on it are the caller's to settle. */
    void release() {
        closed = true;
        loop.timers.cancel(this);
        if (reading) {
            releaseAfterRead = true;
            return;
        }
        if (released) {
            return;
        }
        released = true;
        socket.close();
        wire.close();
        pool.removed(this);
    }

    /** Reads the server's frames and hands them to the streams. */
    private final class Frames extends Http2FrameAdapter {
        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
            int n = data.readableBytes() + padding;
            wire.received(n);
            Http2Stream s = streams.get(streamId);
            if (s != null) {
                s.data(data, endOfStream);
            }
            return n;
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding, boolean endOfStream) {
            Http2Stream s = streams.get(streamId);
            if (s != null) {
                s.headers(headers, endOfStream);
            }
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
                                  short weight, boolean exclusive, int padding, boolean endOfStream) {
            onHeadersRead(ctx, streamId, headers, padding, endOfStream);
        }

        @Override
        public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
            Http2Stream s = streams.get(streamId);
            if (s != null) {
                ended(s, false, false);
                s.reset(errorCode);
            }
        }

        @Override
        public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) throws Http2Exception {
            wire.apply(settings);
            if (settings.maxConcurrentStreams() != null) {
                limit = (int) Math.max(1, Math.min(maxStreams, settings.maxConcurrentStreams()));
            }
            wire.settingsAck();
            if (settings.initialWindowSize() != null) {
                outflow.initialWindow(settings.initialWindowSize(), streams.values());
            }
            settled = true;
            startWaiting();
        }

        @Override
        public void onPingRead(ChannelHandlerContext ctx, long data) {
            wire.pingAck(data);
        }

        @Override
        public void onWindowUpdateRead(ChannelHandlerContext ctx, int streamId, int increment) {
            Http2Stream s = streamId == 0 ? null : streams.get(streamId);
            if (streamId == 0 || s != null) {
                outflow.opened(s, increment);
            }
        }

        /** The server stops: streams above the last one it took were not processed and go to another connection. */
        @Override
        public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {
            draining = true;
            for (Http2Stream s : List.copyOf(streams.values())) {
                if (s.id > lastStreamId) {
                    ended(s, false, false);
                    s.unprocessed = true;
                    s.failLater(ErrorKind.RESET);
                }
            }
            List<Http2Stream> waiting = List.copyOf(queued);
            queued.clear();
            waiting.forEach(s -> pool.submit(s, System.nanoTime()));
            if (active == 0) {
                release();
            }
        }
    }
}
