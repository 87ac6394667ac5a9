package io.stressgate.engine.scenario;

/**
 * Which HTTP version the load client speaks: HTTP/1.1 (one exchange per connection at a time), or HTTP/2 with up to
 * {@code maxStreams} streams per connection (fewer when the server allows fewer), negotiated by ALPN over https and
 * spoken with prior knowledge (h2c) over http; {@code fallback} lets an https origin that refuses h2 in ALPN, or an
 * http origin that answers the h2c preface in HTTP/1.x, be spoken to in HTTP/1.1 instead of counting every request to
 * it as an error.
 */
public record HttpOptions(boolean http2, int maxStreams, boolean fallback) {
    public static final int DEFAULT_MAX_STREAMS = 100;
    public static final int MAX_STREAMS_LIMIT = 1000;
    public static final HttpOptions HTTP_1_1 = new HttpOptions(false, DEFAULT_MAX_STREAMS, false);

    /**
     * Reads {@code http}, {@code maxStreams} and {@code http2Fallback} of an {@code options:} block, reporting every
     * problem with its location; returns HTTP/1.1 when {@code http} is absent.
     */
    static HttpOptions read(Fields o) {
        Boolean http2 = o.scalar("http", false, HttpOptions::version);
        long maxStreams = o.count("maxStreams", DEFAULT_MAX_STREAMS);
        boolean fallback = o.bool("http2Fallback", false);
        if (maxStreams < 1 || maxStreams > MAX_STREAMS_LIMIT) {
            o.problems().add(o.node().get("maxStreams"), "maxStreams " + maxStreams + " is not between 1 and " + MAX_STREAMS_LIMIT);
            maxStreams = DEFAULT_MAX_STREAMS;
        }
        for (String key : new String[] {"maxStreams", "http2Fallback"}) {
            if (!http2 && o.has(key)) {
                o.problems().add(o.node().get(key), key + " applies only with http: 2");
            }
        }
        return new HttpOptions(http2, (int) maxStreams, fallback);
    }

    private static Boolean version(String text) {
        return switch (text.trim()) {
            case "2", "2.0", "h2" -> true;
            case "1.1", "1" -> false;
            default -> throw new IllegalArgumentException("http must be 1.1 or 2, not \"" + text + "\"");
        };
    }
}
