package io.stressgate.engine.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing a whole response with {@link ResponseParser}, as a connection does when bytes arrive: nginx's headers and
 * a 607-byte body in one read (also as a run's connection reads it by default: having asked for compression, and
 * watching for redirects and cookies), and a chunked JSON response whose body is kept (as for extraction or a body
 * check).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ParseBench {
    private final ResponseParser parser = new ResponseParser();
    private final ResponseParser defaults = new ResponseParser();
    private final HopHeaders hops = new HopHeaders();
    private ByteBuffer fixed;
    private ByteBuffer chunked;

    @Setup
    public void setUp() {
        defaults.decodeCompressed();
        String page = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n" + "x".repeat(535) + "\n</html>\n";
        fixed = heap("HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Sat, 05 Dec 2026 22:00:00 GMT\r\n"
                + "Content-Type: text/html\r\nContent-Length: " + page.length() + "\r\n"
                + "Last-Modified: Tue, 01 Dec 2026 10:00:00 GMT\r\nConnection: keep-alive\r\nETag: \"6745a1b0-264\"\r\n"
                + "Accept-Ranges: bytes\r\n\r\n" + page);
        String json = "{\"id\":\"8f14e45f-ceea-467f-a0e6-7d5c1c0b8d3a\",\"status\":\"queued\",\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}";
        chunked = heap("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "X-Request-Id: 3e1f\r\n\r\n" + Integer.toHexString(40) + "\r\n" + json.substring(0, 40) + "\r\n"
                + Integer.toHexString(json.length() - 40) + "\r\n" + json.substring(40) + "\r\n0\r\n\r\n");
    }

    private static ByteBuffer heap(String response) {
        byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.wrap(bytes); // a heap buffer, as the connection reads into
    }

    @Benchmark
    public ResponseParser.Progress parseNginxPage() {
        parser.reset(false, 1 << 20, false);
        fixed.rewind();
        return expectComplete(parser.feed(fixed));
    }

    @Benchmark
    public ResponseParser.Progress parseNginxPageWithTheClientsDefaults() {
        defaults.reset(false, 1 << 20, false);
        defaults.hops(hops);
        fixed.rewind();
        return expectComplete(defaults.feed(fixed));
    }

    @Benchmark
    public ResponseParser.Progress parseChunkedJsonKeepingTheBody() {
        parser.reset(false, 1 << 20, true);
        chunked.rewind();
        return expectComplete(parser.feed(chunked));
    }

    private static ResponseParser.Progress expectComplete(ResponseParser.Progress p) {
        if (p != ResponseParser.Progress.COMPLETE) {
            throw new IllegalStateException("the benchmark's response did not parse: " + p);
        }
        return p;
    }
}
