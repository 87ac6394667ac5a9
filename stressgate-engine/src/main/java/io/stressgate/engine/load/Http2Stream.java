package io.stressgate.engine.load;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import io.stressgate.engine.result.ErrorKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request on an HTTP/2 connection, seen by the flow driver as a connection that carries one exchange: its
 * request timeout is its own timer, and its response goes through the same {@link ResponseParser} as an HTTP/1.1
 * one (the header block is handed to it as a status line and header lines, the DATA frames as the body read until
 * the stream ends), so status, checks, extraction, size cap, decoding, redirects, cookies and error kinds are the same
 * for both versions.
 */
final class Http2Stream extends Connection {
    private final EventLoop loop;
    private final Http2Pool pool;
    Http2Connection session;
    int id;
    /** The request body still to send (flow control may hold it back), or null. */
    byte[] body;
    int bodySent;
    int sendWindow;
    private boolean finalHeaders;
    private boolean parsed;
    /** The server refused the stream or went away before reading it: sending it again is safe. */
    boolean unprocessed;
    /** Location and Set-Cookie of the response, for a request that follows redirects or keeps cookies; else unused. */
    private HopHeaders hopHeaders;

    Http2Stream(EventLoop loop, Origin origin, Http2Pool pool) {
        super(loop, origin);
        this.loop = loop;
        this.pool = pool;
    }

    @Override
    void send(CompiledRequest r, Iteration it, long latencyStart, long now, boolean retry) {
        request = r;
        iteration = it;
        this.latencyStart = latencyStart;
        retried = retry;
        idle = false;
        closed = false;
        id = 0;
        body = null;
        bodySent = 0;
        finalHeaders = false;
        parsed = false;
        unprocessed = false;
        parser.reset(r.head, r.maxBody, r.capture(), r.keptHeaders());
        parser.hops(r.tapsHops() ? hopHeaders() : null);
        loop.timers.schedule(this, now + r.timeoutNanos);
        pool.submit(this, now);
    }

    private HopHeaders hopHeaders() {
        if (hopHeaders == null) {
            hopHeaders = new HopHeaders();
        }
        return hopHeaders;
    }

    /** The header block of the response (or of an interim response, or the trailers, which are not read). */
    void headers(Http2Headers headers, boolean endStream) {
        if (!finalHeaders) {
            CharSequence status = headers.status();
            finalHeaders = status == null || status.length() != 3 || status.charAt(0) != '1';
            StringBuilder head = new StringBuilder(128).append("HTTP/1.1 ").append(status).append(" \r\n");
            for (Map.Entry<CharSequence, CharSequence> h : headers) {
                if (h.getKey().length() > 0 && h.getKey().charAt(0) != ':') {
                    head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
                }
            }
            if (feed(ByteBuffer.wrap(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1)))) {
                return;
            }
        }
        if (endStream) {
            end();
        }
    }

    void data(ByteBuf data, boolean endStream) {
        if (data.isReadable()) {
            if (parsed || !finalHeaders) {
                failLater(ErrorKind.OTHER); // more body than Content-Length said, or a body before any header
                return;
            }
            ByteBuffer bytes = data.hasArray()
                    ? ByteBuffer.wrap(data.array(), data.arrayOffset() + data.readerIndex(), data.readableBytes())
                    : ByteBuffer.wrap(io.netty.buffer.ByteBufUtil.getBytes(data));
            if (feed(bytes)) {
                return;
            }
        }
        if (endStream) {
            end();
        }
    }

    /** Feeds the parser; returns true when the stream failed on what it read. */
    private boolean feed(ByteBuffer bytes) {
        ResponseParser.Progress p = parser.feed(bytes);
        if (p == ResponseParser.Progress.ERROR) {
            failLater(parser.failure()); // decoded_too_large when the decoded body passed the cap, as on HTTP/1.1
            return true;
        }
        parsed |= p == ResponseParser.Progress.COMPLETE;
        return false;
    }

    private void end() {
        if (!parsed && parser.endOfStream() == ResponseParser.Progress.ERROR) {
            failLater(parser.started() ? parser.failure() : ErrorKind.RESET);
            return;
        }
        loop.timers.cancel(this);
        session.ended(this, true, false);
        served++;
        loop.flows.responded(this, false);
        pool.recycle(this);
    }

    /** The server reset the stream; REFUSED_STREAM (7) means it did nothing with it, so it may be sent again. */
    void reset(long code) {
        unprocessed = code == 7 && !parser.started();
        failLater(ErrorKind.RESET);
    }

    /**
     * Fails the stream once the frame being read is done with: the flow driver may send the next request from its
     * report, and that must not happen in the middle of the connection's reading.
     */
    void failLater(ErrorKind kind) {
        if (pendingFailure != null || closed) {
            return;
        }
        loop.timers.cancel(this);
        if (session != null) {
            session.ended(this, false, true);
        }
        pendingFailure = kind;
        loop.defer(this);
    }

    @Override
    void fail(ErrorKind kind) {
        loop.timers.cancel(this);
        if (session != null) {
            session.ended(this, false, true);
        }
        boolean retry = unprocessed && !retried;
        closed = true;
        loop.flows.failed(this, kind, retry);
        parser.release(); // a failed stream is not reused: its inflater (if any) is freed now, not by the GC
    }

    /** The iteration was interrupted: the stream is cancelled and nothing is reported. */
    @Override
    void close() {
        loop.timers.cancel(this);
        if (session != null) {
            session.ended(this, false, true);
        }
        closed = true;
        parser.release();
    }

    @Override
    void parkIdle() {
        throw new IllegalStateException("an HTTP/2 stream carries one request and is never parked");
    }
}
