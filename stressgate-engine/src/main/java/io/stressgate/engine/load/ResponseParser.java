package io.stressgate.engine.load;

import io.stressgate.engine.result.ErrorKind;
import java.nio.ByteBuffer;

/**
 * Reads one HTTP/1.1 response at a time from bytes as they arrive: the status line, the header lines (scanned by
 * {@link ResponseHeaders}), and the body as they frame it, which is counted and kept only when asked (up to a cap).
 * Nothing is allocated per response; limits on line, header and body size hold while reading. Header values are kept
 * only for the header names a request's checks ask for, so a request without header checks copies none. On a
 * connection that asked for compression a gzip or deflate body is decoded as it arrives ({@link BodyInflater}): the
 * body, its size and the cap then concern the decoded bytes.
 */
final class ResponseParser {
    /** What a call to {@link #feed} found. */
    enum Progress { NEED_MORE, COMPLETE, ERROR }

    private static final int MAX_LINE = 8 * 1024;

    private enum State { STATUS, HEADERS, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE }

    private final byte[] line = new byte[MAX_LINE];
    private final ResponseHeaders headers = new ResponseHeaders(line);
    private int lineLength;
    private State state = State.STATUS;
    private int status;
    private boolean http10;
    private boolean untilClose;
    private long remaining;
    private boolean head;
    private long maxBody;
    private long bodyBytes;
    private long wireBytes;
    private byte[] body = new byte[0];
    private boolean capture;
    private String error;
    /** Decodes compressed bodies; null on a connection that did not ask for compression. */
    private BodyInflater inflater;
    private boolean decodedTooLarge;

    /** Decodes gzip and deflate bodies from now on (the connection's requests ask for them). */
    void decodeCompressed() {
        inflater = new BodyInflater(this::keep);
        headers.inflater = inflater;
    }

    /** Prepares for the next response; {@code head} for a HEAD request, which has no body. */
    void reset(boolean head, long maxBody, boolean capture) {
        reset(head, maxBody, capture, null);
    }

    /**
     * Prepares for the next response, keeping the first value of each header in {@code wanted} (lower-case names;
     * null for none).
     */
    void reset(boolean head, long maxBody, boolean capture, byte[][] wanted) {
        headers.want(wanted);
        this.head = head;
        this.maxBody = maxBody;
        this.capture = capture;
        lineLength = 0;
        state = State.STATUS;
        status = 0;
        bodyBytes = 0;
        wireBytes = 0;
        error = null;
        decodedTooLarge = false;
        resetHeaders();
    }

    private void resetHeaders() {
        http10 = false;
        untilClose = false;
        headers.clear();
    }

    /** Hands every header line of the next response to {@code h} too (null: to none). */
    void hops(HopHeaders h) {
        headers.hops(h);
    }

    /** Where Location and Set-Cookie of this response went, or null when they were not asked for. */
    HopHeaders hops() {
        return headers.hops();
    }

    /** The first value of the {@code i}th wanted header, or null when the response did not carry it. */
    String header(int i) {
        return headers.value(i);
    }

    int status() {
        return status;
    }

    /** True when the connection may carry another request after this response. */
    boolean keepAlive() {
        return !headers.closeHeader && !untilClose && (!http10 || headers.keepAliveHeader);
    }

    long bodyBytes() {
        return bodyBytes;
    }

    /** Bytes of the response as received, headers included. */
    long wireBytes() {
        return wireBytes;
    }

    /** True once the first byte of a response arrived. */
    boolean started() {
        return wireBytes > 0;
    }

    /** The body kept when capture was asked for; valid up to {@link #bodyBytes()}. */
    byte[] body() {
        return body;
    }

    String error() {
        return error;
    }

    /** Why the response failed: its decoded body passed the cap, or anything else. */
    ErrorKind failure() {
        return decodedTooLarge ? ErrorKind.DECODED_TOO_LARGE : ErrorKind.OTHER;
    }

    /** Frees what decoding holds outside the heap; the connection is closing. */
    void release() {
        if (inflater != null) {
            inflater.end();
        }
    }

    /** Consumes bytes from {@code in} (position advances) until the response is complete or the bytes run out. */
    Progress feed(ByteBuffer in) {
        byte[] a = in.array();
        int pos = in.arrayOffset() + in.position();
        int end = in.arrayOffset() + in.limit();
        int start = pos;
        Progress progress = Progress.NEED_MORE;
        while (pos < end && progress == Progress.NEED_MORE) {
            int before = pos;
            pos = step(a, pos, end);
            if (state == State.DONE) {
                progress = decodedWhole() ? Progress.COMPLETE : Progress.ERROR;
            } else if (error != null) {
                progress = Progress.ERROR;
            } else if (pos == before) {
                break;
            }
        }
        wireBytes += pos - start;
        in.position(pos - in.arrayOffset());
        return progress;
    }

    /** The peer closed the connection: complete for a body read until close, an error otherwise. */
    Progress endOfStream() {
        if (state == State.UNTIL_CLOSE) {
            state = State.DONE;
            return decodedWhole() ? Progress.COMPLETE : Progress.ERROR;
        }
        error = wireBytes == 0 ? "connection closed before a response" : "connection closed in the middle of the response";
        return Progress.ERROR;
    }

    private int step(byte[] a, int pos, int end) {
        switch (state) {
            case STATUS, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS:
                return readLine(a, pos, end);
            case FIXED, CHUNK_DATA:
                return readCounted(a, pos, end);
            case UNTIL_CLOSE:
                return readBody(a, pos, end - pos);
            default:
                error = "bytes after the end of the response";
                return pos;
        }
    }

    private int readLine(byte[] a, int pos, int end) {
        while (pos < end) {
            byte b = a[pos++];
            if (b == '\n') {
                int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                lineLength = 0;
                onLine(length);
                return pos;
            }
            if (lineLength == MAX_LINE) {
                error = "a response line is longer than " + MAX_LINE + " bytes";
                return pos;
            }
            line[lineLength++] = b;
        }
        return pos;
    }

    private void onLine(int length) {
        switch (state) {
            case STATUS -> statusLine(length);
            case HEADERS -> headerLine(length);
            case CHUNK_SIZE -> chunkSize(length);
            case CHUNK_END -> {
                if (length != 0) {
                    error = "chunk data longer than its size";
                } else {
                    state = State.CHUNK_SIZE;
                }
            }
            default -> {
                if (length == 0) {
                    state = State.DONE;
                }
            }
        }
    }

    private void statusLine(int length) {
        if (length == 0 && status == 0) {
            return; // tolerate a stray CRLF before the status line
        }
        if (length < 12 || !startsWith("HTTP/1.")) {
            error = "not an HTTP/1.x status line";
            return;
        }
        http10 = line[7] == '0';
        int s = 0;
        for (int i = 9; i < 12; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                error = "status is not three digits";
                return;
            }
            s = s * 10 + d;
        }
        status = s;
        state = State.HEADERS;
    }

    private void headerLine(int length) {
        error = headers.line(length);
        if (error == null && length == 0) {
            endOfHeaders();
        }
    }

    private void endOfHeaders() {
        if (status >= 100 && status < 200 && status != 101) {
            state = State.STATUS; // an interim response (100 Continue): the real one follows
            status = 0;
            resetHeaders();
            return;
        }
        if (head || status == 204 || status == 304) {
            state = State.DONE;
            return;
        }
        if (inflater != null) {
            inflater.begin();
        }
        long contentLength = headers.contentLength;
        if (headers.chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            if (contentLength > maxBody) {
                error = "response body of " + contentLength + " bytes is larger than the limit of " + maxBody;
                return;
            }
            remaining = contentLength;
            state = remaining == 0 ? State.DONE : State.FIXED;
        } else {
            untilClose = true;
            state = State.UNTIL_CLOSE;
        }
    }

    private void chunkSize(int length) {
        long size = 0;
        int digits = 0;
        for (int i = 0; i < length; i++) {
            int d = Character.digit(line[i], 16);
            if (d < 0) {
                if (line[i] == ';' || line[i] == ' ' || line[i] == '\t') {
                    break;
                }
                error = "invalid chunk size";
                return;
            }
            if (++digits > 15) {
                error = "chunk size too large";
                return;
            }
            size = size * 16 + d;
        }
        if (digits == 0) {
            error = "missing chunk size";
            return;
        }
        if (size == 0) {
            state = State.TRAILERS;
            return;
        }
        remaining = size;
        state = State.CHUNK_DATA;
    }

    private int readCounted(byte[] a, int pos, int end) {
        int n = (int) Math.min(remaining, end - pos);
        int next = readBody(a, pos, n);
        if (error != null) {
            return next;
        }
        remaining -= n;
        if (remaining == 0) {
            state = state == State.FIXED ? State.DONE : State.CHUNK_END;
        }
        return next;
    }

    private int readBody(byte[] a, int pos, int n) {
        if (inflater != null && inflater.active()) {
            String problem = inflater.feed(a, pos, n, maxBody);
            error = error == null ? problem : error;
        } else {
            keep(a, pos, n);
        }
        return pos + n;
    }

    private boolean decodedWhole() {
        if (inflater == null || !inflater.active()) {
            return true;
        }
        error = error != null ? error : inflater.unfinished();
        return error == null;
    }

    /** Counts the bytes of the body as checks see it (decoded when it was encoded), keeping them when asked. */
    private boolean keep(byte[] a, int pos, int n) {
        if (bodyBytes + n > maxBody) {
            decodedTooLarge = inflater != null && inflater.active();
            error = (decodedTooLarge ? "decoded " : "") + "response body larger than the limit of " + maxBody + " bytes";
            return false;
        }
        if (capture) {
            if (bodyBytes + n > body.length) {
                byte[] bigger = new byte[(int) Math.min(maxBody, Math.max(bodyBytes + n, body.length * 2L + 256))];
                System.arraycopy(body, 0, bigger, 0, (int) bodyBytes);
                body = bigger;
            }
            System.arraycopy(a, pos, body, (int) bodyBytes, n);
        }
        bodyBytes += n;
        return true;
    }

    private boolean startsWith(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
