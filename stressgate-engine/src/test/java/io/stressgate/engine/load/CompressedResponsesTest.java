package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.ErrorKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Responses whose bodies are gzip or deflate, decoded by the parser as they arrive, split at every byte. */
class CompressedResponsesTest {
    private static final String TEXT = "{\"items\":[" + "{\"id\":\"7f3a\",\"status\":\"queued\"},".repeat(40) + "{}]}";
    private static final int CAP = 64 * 1024;

    private final ResponseParser parser = new ResponseParser();

    CompressedResponsesTest() {
        parser.decodeCompressed();
    }

    /** A gzip member with every optional header field (extra, name, comment, header CRC) before the same data. */
    private static byte[] gzipWithAllHeaderFields(byte[] data) throws IOException {
        byte[] plain = Compressed.gzip(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, (byte) 255});
        out.write(new byte[] {3, 0, 'a', 'b', 'c'});
        out.write("items.json\0a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        out.write(new byte[] {0x12, 0x34});
        out.write(plain, 10, plain.length - 10);
        return out.toByteArray();
    }

    private static byte[] response(String encoding, byte[] body, boolean chunked) {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: " + encoding + "\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n\r\n" : "Content-Length: " + body.length + "\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        if (chunked) {
            for (int i = 0; i < body.length; i += 100) {
                int n = Math.min(100, body.length - i);
                out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, i, n);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private ResponseParser.Progress feed(byte[] bytes, int split, long cap, boolean capture) {
        parser.reset(false, cap, capture);
        ResponseParser.Progress p = parser.feed(ByteBuffer.wrap(bytes, 0, split));
        if (p == ResponseParser.Progress.NEED_MORE && split < bytes.length) {
            p = parser.feed(ByteBuffer.wrap(bytes, split, bytes.length - split));
        }
        return p;
    }

    private void assertDecodedAtEverySplit(byte[] bytes) {
        for (int split = 0; split <= bytes.length; split++) {
            assertThat(feed(bytes, split, CAP, true)).as("split at %d: %s", split, parser.error()).isEqualTo(ResponseParser.Progress.COMPLETE);
            assertThat(new String(parser.body(), 0, (int) parser.bodyBytes(), StandardCharsets.UTF_8)).isEqualTo(TEXT);
            assertThat(parser.wireBytes()).isEqualTo(bytes.length);
        }
    }

    @Test
    void shouldDecodeGzipWithEveryOptionalHeaderFieldChunkedOrNotSplitAtEveryByte() throws IOException {
        byte[] body = gzipWithAllHeaderFields(TEXT.getBytes(StandardCharsets.UTF_8));
        assertThat(body.length).as("the body compresses").isLessThan(TEXT.length() / 4);

        assertDecodedAtEverySplit(response("gzip", body, false));
        assertDecodedAtEverySplit(response("x-gzip", body, true));
    }

    @Test
    void shouldDecodeDeflateZlibWrappedAndRawSplitAtEveryByte() throws IOException {
        assertDecodedAtEverySplit(response("deflate", Compressed.deflate(TEXT.getBytes(StandardCharsets.UTF_8), false), false));
        assertDecodedAtEverySplit(response("Deflate", Compressed.deflate(TEXT.getBytes(StandardCharsets.UTF_8), true), true));
    }

    @Test
    void shouldJoinConcatenatedGzipMembers() throws IOException {
        byte[] half = TEXT.substring(0, 100).getBytes(StandardCharsets.UTF_8);
        byte[] rest = TEXT.substring(100).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(Compressed.gzip(half));
        both.writeBytes(Compressed.gzip(rest));

        assertDecodedAtEverySplit(response("gzip", both.toByteArray(), false));
    }

    @Test
    void shouldCountTheDecodedSizeWithoutKeepingTheBodyWhenNothingReadsIt() throws IOException {
        byte[] bytes = response("gzip", Compressed.gzip(TEXT.getBytes(StandardCharsets.UTF_8)), false);

        assertThat(feed(bytes, bytes.length, CAP, false)).isEqualTo(ResponseParser.Progress.COMPLETE);

        assertThat(parser.bodyBytes()).isEqualTo(TEXT.length());
        assertThat(parser.body()).as("nothing kept").isEmpty();
    }

    @Test
    void shouldStopABombAtTheCapAsDecodedTooLargeWithoutKeepingMoreThanTheCap() throws IOException {
        byte[] bomb = Compressed.gzip(new byte[64 * 1024 * 1024]);
        assertThat(bomb.length).as("a few KiB on the wire").isLessThan(128 * 1024);
        byte[] bytes = response("gzip", bomb, true);

        assertThat(feed(bytes, bytes.length, 1024 * 1024, true)).isEqualTo(ResponseParser.Progress.ERROR);

        assertThat(parser.failure()).isEqualTo(ErrorKind.DECODED_TOO_LARGE);
        assertThat(parser.error()).contains("decoded response body larger than the limit of 1048576 bytes");
        assertThat(parser.bodyBytes()).isLessThanOrEqualTo(1024 * 1024);
        assertThat(parser.body().length).isLessThanOrEqualTo(1024 * 1024);
    }

    @Test
    void shouldRefuseACorruptOrCutGzipBodyAsAnOtherError() throws IOException {
        byte[] body = Compressed.gzip(TEXT.getBytes(StandardCharsets.UTF_8));
        byte[] badCrc = body.clone();
        badCrc[badCrc.length - 6] ^= 1;
        byte[] cut = Arrays.copyOf(body, body.length - 12);

        assertThat(feed(response("gzip", badCrc, false), 0, CAP, false)).isEqualTo(ResponseParser.Progress.ERROR);
        assertThat(parser.error()).contains("checksum");
        assertThat(parser.failure()).isEqualTo(ErrorKind.OTHER);
        assertThat(feed(response("gzip", cut, false), 0, CAP, false)).isEqualTo(ResponseParser.Progress.ERROR);
        assertThat(parser.error()).contains("stops before the end");
        assertThat(feed(response("gzip", TEXT.getBytes(StandardCharsets.UTF_8), false), 0, CAP, false))
                .isEqualTo(ResponseParser.Progress.ERROR);
        assertThat(parser.error()).contains("not valid gzip");
    }

    @Test
    void shouldLeaveABodyAsSentWhenTheConnectionDidNotAskForCompressionOrTheCodingIsAnother() throws IOException {
        byte[] body = Compressed.gzip(TEXT.getBytes(StandardCharsets.UTF_8));
        ResponseParser plain = new ResponseParser();
        plain.reset(false, CAP, true);

        assertThat(plain.feed(ByteBuffer.wrap(response("gzip", body, false)))).isEqualTo(ResponseParser.Progress.COMPLETE);
        assertThat(plain.bodyBytes()).isEqualTo(body.length);
        assertThat(feed(response("br", body, false), 0, CAP, true)).isEqualTo(ResponseParser.Progress.COMPLETE);
        assertThat(parser.bodyBytes()).isEqualTo(body.length);
    }

    @Test
    void shouldDecodeTheNextResponseOnTheSameConnectionAfterAnUncompressedOne() throws IOException {
        byte[] gz = response("gzip", Compressed.gzip(TEXT.getBytes(StandardCharsets.UTF_8)), false);
        byte[] identity = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(feed(identity, 0, CAP, true)).isEqualTo(ResponseParser.Progress.COMPLETE);
        assertThat(parser.bodyBytes()).isEqualTo(2);
        assertThat(feed(gz, 0, CAP, true)).isEqualTo(ResponseParser.Progress.COMPLETE);
        assertThat(parser.bodyBytes()).isEqualTo(TEXT.length());
        assertThat(feed(identity, 0, CAP, true)).isEqualTo(ResponseParser.Progress.COMPLETE);
        assertThat(parser.bodyBytes()).isEqualTo(2);
    }
}
