package io.stressgate.engine.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The header lines of one HTTP/1.1 response, scanned as {@link ResponseParser} reads them into its line buffer: what
 * frames the body (Content-Length, chunked Transfer-Encoding), what decides keep-alive (Connection), the coding of a
 * compressed body (handed to the connection's {@link BodyInflater}), the first value of each header a request's checks
 * want, and the lines the redirect and cookie hook may want ({@link HopHeaders}). Nothing is allocated per response.
 */
final class ResponseHeaders {
    static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final byte[] CONTENT_LENGTH = bytes("content-length");
    private static final byte[] TRANSFER_ENCODING = bytes("transfer-encoding");
    private static final byte[] CONNECTION = bytes("connection");
    private static final byte[] CHUNKED = bytes("chunked");
    private static final byte[] CLOSE = bytes("close");
    private static final byte[] KEEP_ALIVE = bytes("keep-alive");
    private static final byte[] CONTENT_ENCODING = bytes("content-encoding");

    /** The parser's line buffer: each header line is read from it in place. */
    private final byte[] line;
    boolean closeHeader;
    boolean keepAliveHeader;
    /** The Content-Length, or -1 when the response gave none. */
    long contentLength;
    boolean chunked;
    private int headerBytes;
    private byte[][] wanted;
    private int[] wantedStart = new int[0];
    private int[] wantedLength = new int[0];
    private byte[] wantedValues = new byte[0];
    private int wantedUsed;
    /** Where Content-Encoding goes; null on a connection that did not ask for compression. */
    BodyInflater inflater;
    private HopHeaders hops;

    ResponseHeaders(byte[] line) {
        this.line = line;
    }

    /** Keeps the first value of each header in {@code wanted} (lower-case names; null for none) from now on. */
    void want(byte[][] wanted) {
        this.wanted = wanted;
        if (wanted != null && wantedStart.length < wanted.length) {
            wantedStart = new int[wanted.length];
            wantedLength = new int[wanted.length];
        }
    }

    /** Forgets the headers read so far (a new response, or the real one after an interim 1xx). */
    void clear() {
        closeHeader = false;
        keepAliveHeader = false;
        contentLength = -1;
        chunked = false;
        headerBytes = 0;
        if (inflater != null) {
            inflater.clear();
        }
        if (wanted != null) {
            Arrays.fill(wantedLength, -1);
            wantedUsed = 0;
        }
    }

    /** Hands every header line of the next response to {@code h} too (null: to none). */
    void hops(HopHeaders h) {
        hops = h;
        if (h != null) {
            h.reset();
        }
    }

    HopHeaders hops() {
        return hops;
    }

    /** The first value of the {@code i}th wanted header, or null when the response did not carry it. */
    String value(int i) {
        int length = wantedLength[i];
        return length < 0 ? null : new String(wantedValues, wantedStart[i], length, StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads the header line of {@code length} bytes in the line buffer (0: the blank line that ends the headers);
     * returns what is wrong with it, or null.
     */
    String line(int length) {
        headerBytes += length + 2;
        if (headerBytes > MAX_HEADER_BYTES) {
            return "response headers larger than " + MAX_HEADER_BYTES + " bytes";
        }
        if (length == 0) {
            return null;
        }
        int colon = indexOf((byte) ':', length);
        if (colon <= 0) {
            return "malformed header line";
        }
        int vs = colon + 1;
        while (vs < length && (line[vs] == ' ' || line[vs] == '\t')) {
            vs++;
        }
        int ve = length;
        while (ve > vs && (line[ve - 1] == ' ' || line[ve - 1] == '\t')) {
            ve--;
        }
        if (wanted != null) {
            keepWanted(colon, vs, ve);
        }
        if (hops != null && HopHeaders.mayWant(colon)) {
            hops.header(line, colon, vs, ve);
        }
        return framing(colon, vs, ve);
    }

    private String framing(int colon, int vs, int ve) {
        if (nameIs(CONTENT_LENGTH, colon)) {
            return contentLength(vs, ve);
        }
        if (nameIs(TRANSFER_ENCODING, colon)) {
            chunked = endsWithToken(CHUNKED, vs, ve);
        } else if (nameIs(CONNECTION, colon)) {
            closeHeader |= containsToken(CLOSE, vs, ve);
            keepAliveHeader |= containsToken(KEEP_ALIVE, vs, ve);
        } else if (inflater != null && nameIs(CONTENT_ENCODING, colon)) {
            inflater.coding(line, vs, ve);
        }
        return null;
    }

    private void keepWanted(int colon, int vs, int ve) {
        for (int i = 0; i < wanted.length; i++) {
            if (wantedLength[i] < 0 && nameIs(wanted[i], colon)) {
                int n = ve - vs;
                if (wantedUsed + n > wantedValues.length) {
                    wantedValues = Arrays.copyOf(wantedValues, Math.max(wantedUsed + n, wantedValues.length * 2 + 64));
                }
                System.arraycopy(line, vs, wantedValues, wantedUsed, n);
                wantedStart[i] = wantedUsed;
                wantedLength[i] = n;
                wantedUsed += n;
            }
        }
    }

    private String contentLength(int vs, int ve) {
        long value = 0;
        if (vs == ve) {
            return "empty Content-Length";
        }
        for (int i = vs; i < ve; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9 || value > Long.MAX_VALUE / 20) {
                return "invalid Content-Length";
            }
            value = value * 10 + d;
        }
        if (contentLength >= 0 && contentLength != value) {
            return "conflicting Content-Length headers";
        }
        contentLength = value;
        return null;
    }

    private int indexOf(byte b, int length) {
        for (int i = 0; i < length; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean nameIs(byte[] lower, int length) {
        if (length != lower.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((line[i] | 0x20) != lower[i] && line[i] != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean endsWithToken(byte[] token, int vs, int ve) {
        int start = ve - token.length;
        return start >= vs && regionIs(token, start) && (start == vs || line[start - 1] == ' ' || line[start - 1] == ',');
    }

    private boolean containsToken(byte[] token, int vs, int ve) {
        for (int i = vs; i + token.length <= ve; i++) {
            boolean boundaryBefore = i == vs || line[i - 1] == ' ' || line[i - 1] == ',';
            boolean boundaryAfter = i + token.length == ve || line[i + token.length] == ' ' || line[i + token.length] == ',';
            if (boundaryBefore && boundaryAfter && regionIs(token, i)) {
                return true;
            }
        }
        return false;
    }

    private boolean regionIs(byte[] lower, int at) {
        for (int i = 0; i < lower.length; i++) {
            byte b = line[at + i];
            if ((b >= 'A' && b <= 'Z' ? b | 0x20 : b) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
