package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
    private final ResponseParser parser = new ResponseParser();

    private ResponseParser.Progress feedSplit(String response, int splitAt, boolean capture) {
        byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
        parser.reset(false, 1 << 20, capture);
        ResponseParser.Progress p = parser.feed(ByteBuffer.wrap(bytes, 0, splitAt));
        if (p != ResponseParser.Progress.NEED_MORE) {
            return p;
        }
        ByteBuffer rest = ByteBuffer.wrap(bytes, splitAt, bytes.length - splitAt);
        p = parser.feed(rest);
        assertThat(rest.remaining()).as("bytes left after the response").isZero();
        return p;
    }

    @Test
    void shouldKeepTheFirstValueOfEachWantedHeaderOnlyFromTheFinalResponseSplitAtEveryByte() {
        byte[][] wanted = {"x-request-id".getBytes(StandardCharsets.US_ASCII), "content-length".getBytes(StandardCharsets.US_ASCII),
                "x-missing".getBytes(StandardCharsets.US_ASCII), "x-early".getBytes(StandardCharsets.US_ASCII)};
        String response = "HTTP/1.1 100 Continue\r\nX-Early: interim\r\n\r\n"
                + "HTTP/1.1 201 Created\r\nx-REQUEST-id:   abc-1 \r\nX-Request-ID: second\r\nContent-Length: 2\r\n\r\nok";
        byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 0; split <= bytes.length; split++) {
            parser.reset(false, 1 << 20, false, wanted);
            ResponseParser.Progress p = parser.feed(ByteBuffer.wrap(bytes, 0, split));
            if (p == ResponseParser.Progress.NEED_MORE) {
                p = parser.feed(ByteBuffer.wrap(bytes, split, bytes.length - split));
            }
            assertThat(p).isEqualTo(ResponseParser.Progress.COMPLETE);
            assertThat(parser.header(0)).as("split at %d", split).isEqualTo("abc-1");
            assertThat(parser.header(1)).isEqualTo("2");
            assertThat(parser.header(2)).isNull();
            assertThat(parser.header(3)).as("a header of the interim 100 response").isNull();
        }
        parser.reset(false, 1 << 20, false, wanted);
        parser.feed(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(parser.header(0)).as("nothing kept from the previous response").isNull();
    }

    @Test
    void shouldReadAFixedLengthResponseSplitAtEveryByte() {
        String response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\ncontent-LENGTH: 5\r\n\r\nhello";
        for (int split = 0; split <= response.length(); split++) {
            assertThat(feedSplit(response, split, true)).as("split at %d", split).isEqualTo(ResponseParser.Progress.COMPLETE);
            assertThat(parser.status()).isEqualTo(200);
            assertThat(parser.keepAlive()).isTrue();
            assertThat(new String(parser.body(), 0, (int) parser.bodyBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello");
            assertThat(parser.wireBytes()).isEqualTo(response.length());
        }
    }

    @Test
    void shouldReadAChunkedResponseWithExtensionsAndTrailersSplitAtEveryByte() {
        String response = "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                + "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: yes\r\n\r\n";
        for (int split = 0; split <= response.length(); split++) {
            assertThat(feedSplit(response, split, true)).as("split at %d", split).isEqualTo(ResponseParser.Progress.COMPLETE);
            assertThat(parser.status()).isEqualTo(503);
            assertThat(new String(parser.body(), 0, (int) parser.bodyBytes(), StandardCharsets.US_ASCII)).isEqualTo("Wikipedia");
        }
    }

    @Test
    void shouldSkipInterimResponsesAndHonourConnectionClose() {
        String response = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";

        assertThat(feedSplit(response, response.length(), false)).isEqualTo(ResponseParser.Progress.COMPLETE);
        assertThat(parser.status()).isEqualTo(201);
        assertThat(parser.keepAlive()).isFalse();
    }

    @Test
    void shouldReadABodyUntilCloseWhenNoLengthIsGiven() {
        parser.reset(false, 1 << 20, false);
        ByteBuffer in = ByteBuffer.wrap("HTTP/1.0 200 OK\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII));

        assertThat(parser.feed(in)).isEqualTo(ResponseParser.Progress.NEED_MORE);
        assertThat(parser.endOfStream()).isEqualTo(ResponseParser.Progress.COMPLETE);
        assertThat(parser.bodyBytes()).isEqualTo(3);
        assertThat(parser.keepAlive()).isFalse();
    }

    @Test
    void shouldTreatHttp10AsCloseUnlessKeepAliveIsAsked() {
        assertThat(feedSplit("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", 3, false)).isEqualTo(ResponseParser.Progress.COMPLETE);
        assertThat(parser.keepAlive()).isFalse();
        assertThat(feedSplit("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n", 3, false))
                .isEqualTo(ResponseParser.Progress.COMPLETE);
        assertThat(parser.keepAlive()).isTrue();
    }

    @Test
    void shouldRefuseABodyOverTheCapBeforeReadingIt() {
        parser.reset(false, 10, false);

        ResponseParser.Progress p = parser.feed(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(p).isEqualTo(ResponseParser.Progress.ERROR);
        assertThat(parser.error()).contains("larger than the limit of 10");
    }

    @Test
    void shouldRefuseAChunkedBodyThatGrowsOverTheCap() {
        parser.reset(false, 8, false);

        ResponseParser.Progress p = parser.feed(ByteBuffer.wrap(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n5\r\nfghij\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(p).isEqualTo(ResponseParser.Progress.ERROR);
    }

    @Test
    void shouldReportGarbageConflictingLengthsAndEarlyClose() {
        parser.reset(false, 100, false);
        assertThat(parser.feed(ByteBuffer.wrap("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(ResponseParser.Progress.ERROR);

        parser.reset(false, 100, false);
        assertThat(parser.feed(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII)))).isEqualTo(ResponseParser.Progress.ERROR);

        parser.reset(false, 100, false);
        parser.feed(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII)));
        assertThat(parser.endOfStream()).isEqualTo(ResponseParser.Progress.ERROR);
        assertThat(parser.error()).contains("middle of the response");
    }

    @Test
    void shouldExpectNoBodyForHeadAndNoContent() {
        parser.reset(true, 100, false);
        assertThat(parser.feed(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(ResponseParser.Progress.COMPLETE);
        assertThat(feedSplit("HTTP/1.1 204 No Content\r\n\r\n", 5, false)).isEqualTo(ResponseParser.Progress.COMPLETE);
    }
}
