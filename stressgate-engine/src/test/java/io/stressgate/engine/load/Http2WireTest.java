package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http2.Http2FrameAdapter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Http2WireTest {
    @Test
    void shouldReadBackEveryHeaderBlockItWrote() {
        assertThat(Http2Pool.exercise(500, 60_000_000_000L)).isEqualTo(500);
    }

    @Test
    void shouldStopExercisingWhenItsTimeIsUp() {
        assertThat(Http2Pool.exercise(Integer.MAX_VALUE, 50_000_000L)).isPositive().isLessThan(Integer.MAX_VALUE);
    }

    @Test
    void shouldTellAServersSettingsFromAnHttp11StatusLineOnceFourBytesArrived() {
        Http2Wire h1 = new Http2Wire(new Http2FrameAdapter());
        Http2Wire h2 = new Http2Wire(new Http2FrameAdapter());
        try {
            h1.take(ascii("HTT"));
            h2.take(ByteBuffer.wrap(new byte[] {0, 0, 6}));
            assertThat(h1.settingsFirst()).as("three bytes do not tell").isNull();
            assertThat(h2.settingsFirst()).isNull();

            h1.take(ascii("P/1.1 400 Bad Request\r\nconnection: close\r\n"));
            h2.take(ByteBuffer.wrap(new byte[] {4, 0, 0, 0, 0, 0}));

            assertThat(h1.settingsFirst()).isFalse();
            assertThat(h1.firstLine(60)).isEqualTo("HTTP/1.1 400 Bad Request");
            assertThat(h2.settingsFirst()).isTrue();
        } finally {
            h1.close();
            h2.close();
        }
    }

    @Test
    void shouldQuoteAnAnswerShortAndPrintable() {
        Http2Wire wire = new Http2Wire(new Http2FrameAdapter());
        try {
            assertThat(wire.firstLine(10)).isEmpty();
            wire.take(ascii("HTTP/1.0 \u001b[31m\u0000 and more than ten"));

            assertThat(wire.firstLine(12)).isEqualTo("HTTP/1.0 ?[3...");
        } finally {
            wire.close();
        }
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
