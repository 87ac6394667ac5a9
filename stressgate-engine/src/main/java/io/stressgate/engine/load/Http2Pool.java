package io.stressgate.engine.load;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.stressgate.engine.scenario.Body;
import io.stressgate.engine.scenario.HttpOptions;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/2 connections of one event loop, per origin: a new stream joins the first connection with room for it, and
 * a new connection opens when none has. It also keeps what an origin's HTTP/2 needs on this loop: whether the origin
 * refused h2 (in ALPN, or by answering the h2c preface in HTTP/1.x) and is spoken to in HTTP/1.1 instead, whether it
 * spoke h2c, the translated static requests, and spent streams for reuse.
 */
final class Http2Pool {
    private static final Logger LOG = LoggerFactory.getLogger(Http2Pool.class);
    private static final int SPARE_STREAMS = 1024;

    private final EventLoop loop;
    private final HttpOptions options;
    private final List<Http2Connection>[] connections;
    private final boolean[] http1;
    /** Per origin: an h2c connection got the server's SETTINGS first, so a later silent close is no refusal. */
    private final boolean[] spokeH2c;
    /** The origins whose refusal of HTTP/2 (ALPN or h2c) was logged, shared by the run's loops: logged once. */
    private final Set<Origin> toldRefused;
    private final ArrayDeque<Http2Stream> spare = new ArrayDeque<>();
    private final Map<CompiledRequest, Http2Request> translated = new IdentityHashMap<>();
    private final ByteBuffer[] scratch = {ByteBuffer.allocate(512)};
    private int opened;

    @SuppressWarnings("unchecked")
    Http2Pool(EventLoop loop, HttpOptions options, int origins, Set<Origin> toldRefused) {
        this.loop = loop;
        this.options = options;
        this.toldRefused = toldRefused;
        this.connections = new List[origins];
        this.http1 = new boolean[origins];
        this.spokeH2c = new boolean[origins];
        for (int i = 0; i < origins; i++) {
            connections[i] = new ArrayList<>();
        }
    }

    /**
     * Makes every loop speak HTTP/2 from now on and waits (at most 30 s) until each has run its codec on its own
     * bytes: Netty's classes load (the first connection of a cold run took 0.6 s for that alone) and, with {@code warm},
     * its frame and HPACK code runs for up to a second so that it is compiled before the clock starts, as
     * {@link Warmup} does for the HTTP/1.1 path.
     */
    static void enable(List<EventLoop> loops, HttpOptions options, boolean warm) {
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(loops.size());
        Set<Origin> toldRefused = ConcurrentHashMap.newKeySet();
        for (EventLoop l : loops) {
            l.execute(() -> {
                l.pool.http2(options, toldRefused);
                exercise(warm ? WARM_ROUNDS : 1, WARM_NANOS);
                ready.countDown();
            });
        }
        try {
            if (!ready.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("the event loops did not take up HTTP/2 within 30 s; the load starts anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final int WARM_ROUNDS = 20_000;
    private static final long WARM_NANOS = 1_000_000_000L;

    /**
     * Writes a request's frames and reads them back as frames, {@code rounds} times or for {@code budgetNanos},
     * whichever ends first; returns the rounds done.
     */
    static int exercise(int rounds, long budgetNanos) {
        Http2Headers headers = new DefaultHttp2Headers().method("GET").path("/warm").scheme("http").authority("127.0.0.1")
                .add("user-agent", "stressgate/1").add("accept", "*/*");
        int[] seen = new int[1];
        Http2Wire wire = new Http2Wire(new Http2FrameAdapter() {
            @Override
            public void onHeadersRead(io.netty.channel.ChannelHandlerContext ctx, int streamId, Http2Headers h, int padding,
                                      boolean endOfStream) {
                seen[0]++;
            }
        });
        long end = System.nanoTime() + budgetNanos;
        int done = 0;
        try {
            wire.preface();
            ByteBuffer frames = wire.pending();
            frames.position(frames.position() + io.netty.handler.codec.http2.Http2CodecUtil.connectionPrefaceBuf().readableBytes());
            for (; done < rounds && System.nanoTime() - end < 0; done++) {
                wire.headers(2 * done + 1, headers, true);
                wire.read(wire.pending());
            }
        } catch (io.netty.handler.codec.http2.Http2Exception e) {
            throw new IllegalStateException("the HTTP/2 codec cannot read what it wrote", e);
        } finally {
            wire.close();
        }
        if (seen[0] != done) {
            throw new IllegalStateException("the HTTP/2 codec read " + seen[0] + " of " + done + " header blocks it wrote");
        }
        return done;
    }

    /** True when requests to {@code origin} go as HTTP/2 streams on this loop. */
    boolean carries(Origin origin) {
        return origin.id < http1.length && !http1[origin.id];
    }

    /** A stream for the next request to {@code origin}. */
    Connection stream(Origin origin) {
        Http2Stream s = spare.pollLast();
        return s != null && s.origin == origin ? s : new Http2Stream(loop, origin, this);
    }

    void recycle(Http2Stream s) {
        if (spare.size() < SPARE_STREAMS) {
            s.request = null;
            s.iteration = null;
            spare.addLast(s);
        }
    }

    /** Sends the request of {@code s} on a connection with room for it, opening one when none has. */
    void submit(Http2Stream s, long now) {
        if (http1[s.origin.id] || s.request.spec.body() instanceof Body.Streamed) {
            overHttp1(s, now); // a body streamed from disk or generated goes the HTTP/1.1 way, which streams it
            return;
        }
        for (Http2Connection c : connections[s.origin.id]) {
            if (c.accepts()) {
                c.submit(s);
                return;
            }
        }
        Http2Connection c = new Http2Connection(loop, s.origin, this, options.maxStreams());
        connections[s.origin.id].add(c);
        opened++;
        c.submit(s);
        c.connect(now, s.request.connectTimeoutNanos);
    }

    /** Moves the request of {@code s} to an HTTP/1.1 connection of the loop; the stream itself is done with. */
    void overHttp1(Http2Stream s, long now) {
        loop.timers.cancel(s);
        Connection c = loop.pool.acquireHttp1(s.origin);
        loop.inFlight.moved(s.iteration, s, c);
        c.send(s.request, s.iteration, s.latencyStart, now, s.retried);
    }

    /**
     * An https origin chose {@code chosen} instead of h2 in ALPN (empty: no protocol); returns true when the scenario
     * lets it fall back to HTTP/1.1 (then every later request to it on this loop goes that way), false when its
     * requests fail as {@code h2_refused}. Either is logged once per origin in the run.
     */
    boolean alpnRefused(Origin origin, String chosen) {
        return refused(origin, "over TLS: in ALPN it chose " + (chosen.isEmpty() ? "no protocol" : chosen)
                + " instead of h2", "");
    }

    /**
     * An http origin answered the h2c preface with something other than HTTP/2 ({@code answer} says what, quoted);
     * returns true when the scenario lets it fall back to HTTP/1.1 (then every later request to it on this loop goes
     * that way), false when its requests fail as {@code h2_refused}. Either is logged once per origin in the run.
     */
    boolean h2cRefused(Origin origin, String answer) {
        return refused(origin, "in clear text (h2c, prior knowledge): to the HTTP/2 preface it " + answer,
                "or use https for h2 by ALPN, ");
    }

    /**
     * {@code origin} does not speak HTTP/2 ({@code how} says what it did instead): true when its requests go as
     * HTTP/1.1 on this loop from now on, false when they fail. The first loop to meet the origin logs it, at INFO with
     * the fallback, else at WARN with the ways out ({@code otherWay} between {@code http: 1.1} and the fallback).
     */
    private boolean refused(Origin origin, String how, String otherWay) {
        boolean first = !http1[origin.id] && toldRefused.add(origin);
        if (options.fallback()) {
            if (first) {
                LOG.info("{} does not speak HTTP/2 {}; its requests go as HTTP/1.1 (http2Fallback: true)", origin, how);
            }
            http1[origin.id] = true;
            return true;
        }
        if (first) {
            LOG.warn("{} does not speak HTTP/2 {}; its requests fail as h2_refused. Set http: 1.1, {}or "
                    + "http2Fallback: true to send them as HTTP/1.1", origin, how, otherWay);
        }
        return false;
    }

    /** Notes that an h2c connection to {@code origin} opened with the server's SETTINGS: it does speak h2c. */
    void spokeH2c(Origin origin) {
        spokeH2c[origin.id] = true;
    }

    /** True when an h2c connection to {@code origin} on this loop opened with the server's SETTINGS. */
    boolean hasSpokenH2c(Origin origin) {
        return spokeH2c[origin.id];
    }

    /**
     * The request of {@code r} for {@code it} as HTTP/2 sends it; a static one is translated once, unless the
     * iteration keeps cookies, which it may send with it.
     */
    Http2Request request(CompiledRequest r, Iteration it) {
        if (r.spec.isStatic() && (it == null || it.cookies == null)) {
            return translated.computeIfAbsent(r, k -> Http2Request.of(k, it, scratch));
        }
        return Http2Request.of(r, it, scratch);
    }

    void removed(Http2Connection c) {
        connections[c.origin.id].remove(c);
    }

    /** HTTP/2 connections opened so far. */
    int opened() {
        return opened;
    }

    /** Closes every connection; their streams were ended by the caller (the loop is stopping). */
    void closeAll() {
        for (List<Http2Connection> list : connections) {
            for (Http2Connection c : List.copyOf(list)) {
                c.release();
            }
        }
    }
}
