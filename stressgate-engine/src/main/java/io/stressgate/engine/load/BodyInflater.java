package io.stressgate.engine.load;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a gzip or deflate (zlib-wrapped or raw) response body as its bytes arrive, handing each decoded piece to a
 * sink that counts it and may keep it. Nothing but a small scratch buffer is held: the sink decides how much is kept
 * and stops the decoding once it has seen enough, so a body that inflates without end costs at most the cap plus
 * one scratch buffer. One per connection that asked for compression, reused from response to response; the scratch
 * buffer and the inflaters are made at the first compressed body; {@link #end()} frees their native state.
 */
final class BodyInflater {
    /** Takes a decoded piece; returns false to stop decoding (the cap was passed). */
    interface Sink {
        boolean accept(byte[] bytes, int offset, int length);
    }

    private static final int SCRATCH = 16 * 1024;
    private static final int GZIP_FIXED_HEADER = 10;
    private static final int GZIP_TRAILER = 8;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private enum State { GZIP_HEADER, GZIP_EXTRA_LENGTH, GZIP_EXTRA, GZIP_NAME, GZIP_COMMENT, GZIP_HEADER_CRC, DEFLATE_START,
        BODY, GZIP_TRAILER, END }

    private static final byte[] GZIP = "gzip".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] X_GZIP = "x-gzip".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] DEFLATE = "deflate".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Sink sink;
    private byte[] scratch;
    private final byte[] small = new byte[GZIP_FIXED_HEADER];
    private final CRC32 crc = new CRC32();
    private Inflater raw;
    private Inflater zlib;
    private Inflater inflater;
    private State state;
    private boolean gzip;
    private int smallUsed;
    private int flags;
    private int skip;
    private long fed;
    private long decodedInMember;
    /** The Content-Encoding of the response being read: 0 none (or one not decoded), 1 gzip, 2 deflate. */
    private int coding;
    private boolean active;
    private long encodedBytes;

    BodyInflater(Sink sink) {
        this.sink = sink;
    }

    /** Forgets the coding of the previous response (or of an interim one). */
    void clear() {
        coding = 0;
        active = false;
    }

    /** Notes the Content-Encoding value in {@code line} from {@code vs} to {@code ve}; codings other than these stay as sent. */
    void coding(byte[] line, int vs, int ve) {
        coding = is(GZIP, line, vs, ve) || is(X_GZIP, line, vs, ve) ? 1 : is(DEFLATE, line, vs, ve) ? 2 : 0;
    }

    /** The headers are over and a body follows: decodes it when it is encoded. */
    void begin() {
        if (coding != 0) {
            if (scratch == null) {
                scratch = new byte[SCRATCH];
            }
            start(coding == 1);
            active = true;
            encodedBytes = 0;
        }
    }

    /** True while the body being read is decoded. */
    boolean active() {
        return active;
    }

    /** Decodes {@code n} body bytes as received, refusing a compressed body itself larger than {@code maxBody}. */
    String feed(byte[] a, int pos, int n, long maxBody) {
        encodedBytes += n;
        if (encodedBytes > maxBody) {
            return "compressed response body larger than the limit of " + maxBody + " bytes";
        }
        return feed(a, pos, n);
    }

    /** Null when the decoded stream ended with the body (or nothing is decoded); otherwise what is wrong. */
    String unfinished() {
        return !active || complete() ? null : "the compressed body stops before the end of its " + (gzip ? "gzip" : "deflate") + " stream";
    }

    private static boolean is(byte[] lower, byte[] line, int vs, int ve) {
        if (ve - vs != lower.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            byte b = line[vs + i];
            if ((b >= 'A' && b <= 'Z' ? b | 0x20 : b) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /** Prepares for the next body: gzip, or deflate (zlib-wrapped or raw, told apart by its first two bytes). */
    private void start(boolean gzip) {
        this.gzip = gzip;
        state = gzip ? State.GZIP_HEADER : State.DEFLATE_START;
        smallUsed = 0;
        fed = 0;
        beginMember();
    }

    private void beginMember() {
        crc.reset();
        decodedInMember = 0;
        flags = 0;
        skip = 0;
    }

    /** True when the body so far is a whole stream (or no byte came at all, as for an empty body). */
    boolean complete() {
        return fed == 0 || state == State.END;
    }

    /**
     * Decodes {@code n} bytes of {@code a} from {@code pos}; returns null, or what is wrong with the stream. All of
     * the bytes are used before it returns (the caller reuses the array), unless the sink stopped the decoding.
     */
    private String feed(byte[] a, int pos, int n) {
        fed += n;
        int end = pos + n;
        try {
            while (pos < end) {
                int next = step(a, pos, end);
                if (next < 0) {
                    return null; // the sink stopped: the caller already knows why
                }
                if (next == pos && state == State.END) {
                    return (gzip ? "gzip" : "deflate") + " body has bytes after its end";
                }
                pos = next;
            }
            return null;
        } catch (DataFormatException e) {
            return "response body is not valid " + (gzip ? "gzip" : "deflate") + ": " + e.getMessage();
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    private int step(byte[] a, int pos, int end) throws DataFormatException {
        return switch (state) {
            case GZIP_HEADER -> gzipHeader(a, pos, end);
            case GZIP_EXTRA_LENGTH -> extraLength(a, pos, end);
            case GZIP_EXTRA, GZIP_HEADER_CRC -> skipped(a, pos, end);
            case GZIP_NAME, GZIP_COMMENT -> zeroTerminated(a, pos, end);
            case DEFLATE_START -> deflateStart(a, pos, end);
            case BODY -> inflate(a, pos, end);
            case GZIP_TRAILER -> trailer(a, pos, end);
            case END -> gzip && a[pos] == 0x1f ? nextMember(pos) : pos;
        };
    }

    /** Collects up to {@code want} bytes in {@link #small}; returns the position after those taken. */
    private int collect(byte[] a, int pos, int end, int want) {
        int n = Math.min(want - smallUsed, end - pos);
        System.arraycopy(a, pos, small, smallUsed, n);
        smallUsed += n;
        return pos + n;
    }

    private int gzipHeader(byte[] a, int pos, int end) {
        int next = collect(a, pos, end, GZIP_FIXED_HEADER);
        if (smallUsed < GZIP_FIXED_HEADER) {
            return next;
        }
        if ((small[0] & 0xff) != 0x1f || (small[1] & 0xff) != 0x8b || small[2] != 8) {
            throw new IllegalStateException("response body is not valid gzip: no gzip header");
        }
        flags = small[3] & 0xff;
        smallUsed = 0;
        afterHeaderField(State.GZIP_HEADER);
        return next;
    }

    private int extraLength(byte[] a, int pos, int end) {
        int next = collect(a, pos, end, 2);
        if (smallUsed == 2) {
            skip = (small[0] & 0xff) | (small[1] & 0xff) << 8;
            smallUsed = 0;
            state = State.GZIP_EXTRA;
        }
        return next;
    }

    private int skipped(byte[] a, int pos, int end) {
        int n = Math.min(skip, end - pos);
        skip -= n;
        if (skip == 0) {
            afterHeaderField(state);
        }
        return pos + n;
    }

    private int zeroTerminated(byte[] a, int pos, int end) {
        while (pos < end) {
            if (a[pos++] == 0) {
                afterHeaderField(state);
                return pos;
            }
        }
        return pos;
    }

    /** Moves past the optional gzip header fields present in {@link #flags}, in their order, after {@code done}. */
    private void afterHeaderField(State done) {
        int order = done.ordinal();
        if (order < State.GZIP_EXTRA_LENGTH.ordinal() && (flags & FEXTRA) != 0) {
            state = State.GZIP_EXTRA_LENGTH;
        } else if (order < State.GZIP_NAME.ordinal() && (flags & FNAME) != 0) {
            state = State.GZIP_NAME;
        } else if (order < State.GZIP_COMMENT.ordinal() && (flags & FCOMMENT) != 0) {
            state = State.GZIP_COMMENT;
        } else if (order < State.GZIP_HEADER_CRC.ordinal() && (flags & FHCRC) != 0) {
            skip = 2;
            state = State.GZIP_HEADER_CRC;
        } else {
            use(raw());
        }
    }

    private int deflateStart(byte[] a, int pos, int end) throws DataFormatException {
        int next = collect(a, pos, end, 2);
        if (smallUsed < 2) {
            return next;
        }
        int cmf = small[0] & 0xff;
        boolean wrapped = (cmf & 0x0f) == 8 && (cmf << 8 | small[1] & 0xff) % 31 == 0;
        use(wrapped ? zlib() : raw());
        smallUsed = 0;
        if (inflate(small, 0, 2) < 0) {
            return -1;
        }
        return next;
    }

    private void use(Inflater chosen) {
        chosen.reset();
        inflater = chosen;
        state = State.BODY;
    }

    private int inflate(byte[] a, int pos, int end) throws DataFormatException {
        inflater.setInput(a, pos, end - pos);
        while (true) {
            int k = inflater.inflate(scratch);
            if (k > 0) {
                if (gzip) {
                    crc.update(scratch, 0, k);
                }
                decodedInMember += k;
                if (!sink.accept(scratch, 0, k)) {
                    return -1;
                }
            }
            if (inflater.finished()) {
                state = gzip ? State.GZIP_TRAILER : State.END;
                return end - inflater.getRemaining();
            }
            if (k == 0) {
                if (inflater.needsDictionary()) {
                    throw new DataFormatException("a preset dictionary is asked for");
                }
                if (inflater.needsInput()) {
                    return end;
                }
            }
        }
    }

    private int trailer(byte[] a, int pos, int end) {
        int next = collect(a, pos, end, GZIP_TRAILER);
        if (smallUsed < GZIP_TRAILER) {
            return next;
        }
        long expectedCrc = le32(0);
        long expectedSize = le32(4);
        if (expectedCrc != crc.getValue() || expectedSize != (decodedInMember & 0xffffffffL)) {
            throw new IllegalStateException("response body is not valid gzip: its checksum or length does not match");
        }
        smallUsed = 0;
        state = State.END;
        return next;
    }

    /** gzip members may follow one another (RFC 1952 2.2); their contents are joined. */
    private int nextMember(int pos) {
        beginMember();
        state = State.GZIP_HEADER;
        return pos; // the header's bytes are read on the next step
    }

    private long le32(int at) {
        return (small[at] & 0xffL) | (small[at + 1] & 0xffL) << 8 | (small[at + 2] & 0xffL) << 16 | (small[at + 3] & 0xffL) << 24;
    }

    private Inflater raw() {
        if (raw == null) {
            raw = new Inflater(true);
        }
        return raw;
    }

    private Inflater zlib() {
        if (zlib == null) {
            zlib = new Inflater(false);
        }
        return zlib;
    }

    /** Frees the native state of the inflaters (the connection is closing). */
    void end() {
        if (raw != null) {
            raw.end();
            raw = null;
        }
        if (zlib != null) {
            zlib.end();
            zlib = null;
        }
        inflater = null;
        active = false;
    }
}
