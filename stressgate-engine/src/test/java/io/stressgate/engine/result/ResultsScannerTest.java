package io.stressgate.engine.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResultsScannerTest {

    /** The look byte by byte, as it was before it read eight bytes at a time. */
    private static ResultsScanner.Bytes byteByByte(byte[] bytes) {
        boolean escapes = false;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] <= 0) {
                return ResultsScanner.Bytes.NOT_ASCII;
            }
            if (bytes[i] == '\\' && i + 1 < bytes.length && bytes[i + 1] == 'u') {
                escapes = true;
            }
        }
        return escapes ? ResultsScanner.Bytes.ASCII_WITH_ESCAPES : ResultsScanner.Bytes.ASCII;
    }

    @Test
    void shouldSeeWhatALookByteByByteSeesAtEveryPlaceOfEveryKindOfByte() {
        byte[] kinds = {0, (byte) 0x80, (byte) 0xFF, (byte) 0xC3, '\\', 'u', 0x7F, 0x01, 'A'};
        for (int length = 0; length <= 40; length++) {
            for (int at = 0; at < length; at++) {
                for (byte kind : kinds) {
                    byte[] bytes = new byte[length];
                    java.util.Arrays.fill(bytes, (byte) 'x');
                    bytes[at] = kind;
                    if (kind == '\\' && at + 1 < length) {
                        bytes[at + 1] = 'u'; // a backslash-u across every boundary of eight
                    }
                    assertThat(ResultsScanner.look(bytes)).as("length %d, 0x%02x at %d", length, kind & 0xFF, at)
                            .isEqualTo(byteByByte(bytes));
                }
            }
        }
    }

    @Test
    void shouldSeeWhatALookByteByByteSeesInRandomDocuments() {
        Random random = new Random(7);
        byte[] alphabet = "{}[]\",:0123456789abcdefuABCDEF+/= \\\\\\".getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 2_000; round++) {
            byte[] bytes = new byte[random.nextInt(200)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(500) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            assertThat(ResultsScanner.look(bytes)).as("round %d", round).isEqualTo(byteByByte(bytes));
        }
    }

    @Test
    void shouldTellAsciiWithoutEscapesFromAsciiWithABackslashUAndFromOtherBytes() {
        assertThat(ResultsScanner.look("{\"a\":\"b\\n\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo(ResultsScanner.Bytes.ASCII);
        assertThat(ResultsScanner.look("{\"a\":\"\\u00e9\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(ResultsScanner.Bytes.ASCII_WITH_ESCAPES);
        assertThat(ResultsScanner.look("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo(ResultsScanner.Bytes.NOT_ASCII);
    }
}
