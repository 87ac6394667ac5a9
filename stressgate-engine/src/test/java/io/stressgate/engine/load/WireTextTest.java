package io.stressgate.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WireTextTest {
    private static final int SAMPLES = 5_000;

    @Test
    void shouldWriteExactlyTheBytesItCountsInEveryPlace() {
        Random random = new Random(13);
        for (int i = 0; i < SAMPLES; i++) {
            String v = randomText(random);
            for (CompiledTemplate.Place place : CompiledTemplate.Place.values()) {
                assertThat(written(v, place)).as("%s in %s", escapeForMessage(v), place).hasSize(WireText.length(v, place));
            }
        }
    }

    @Test
    void shouldWriteABodyValueAsStringGetBytesDoesAndAHeaderValueSoWithLineBreaksAndNulEscaped() {
        Random random = new Random(17);
        for (int i = 0; i < SAMPLES; i++) {
            String v = randomText(random);
            String header = v.replace("\r", "%0D").replace("\n", "%0A").replace("\0", "%00");
            assertThat(written(v, CompiledTemplate.Place.BODY)).as(escapeForMessage(v)).isEqualTo(v.getBytes(StandardCharsets.UTF_8));
            assertThat(written(v, CompiledTemplate.Place.HEADER)).as(escapeForMessage(v))
                    .isEqualTo(header.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldWriteAUrlValueThatDecodesBackAndHoldsOnlyUnreservedCharactersAndEscapes() {
        Random random = new Random(19);
        for (int i = 0; i < SAMPLES; i++) {
            String v = randomText(random);
            String url = new String(written(v, CompiledTemplate.Place.URL), StandardCharsets.US_ASCII);
            assertThat(url).matches("([A-Za-z0-9._~-]|%[0-9A-F]{2})*");
            assertThat(URLDecoder.decode(url, StandardCharsets.UTF_8))
                    .isEqualTo(new String(v.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldWriteAJsonBodyValueSoThatJacksonReadsTheSameStringBackFromBetweenQuotes() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Random random = new Random(31);
        for (int i = 0; i < SAMPLES; i++) {
            String v = i == 0 ? "\"}, \"admin\": true, \"x\": \"\\" : randomText(random);
            byte[] value = written(v, CompiledTemplate.Place.JSON);
            String document = "{\"v\": \"" + new String(value, StandardCharsets.UTF_8) + "\"}";
            assertThat(json.readTree(document).get("v").asText()).as(escapeForMessage(v))
                    .isEqualTo(new String(v.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            assertThat(json.readTree(document).size()).isEqualTo(1);
        }
    }

    @Test
    void shouldWriteNumbersAsLongToStringDoes() {
        long[] edges = {0, 1, -1, 9, 10, -10, 99, 100, 999_999_999_999_999_999L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        Random random = new Random(23);
        long[] values = Arrays.copyOf(edges, edges.length + SAMPLES);
        for (int i = edges.length; i < values.length; i++) {
            values[i] = random.nextLong() >> random.nextInt(64);
        }
        for (long v : values) {
            ByteBuffer out = ByteBuffer.allocate(24);
            out.put((byte) '[');
            WireText.putLong(out, v);
            assertThat(new String(out.array(), 0, out.position(), StandardCharsets.US_ASCII)).isEqualTo("[" + v);
            assertThat(WireText.digits(v)).isEqualTo(Long.toString(v).length());
        }
    }

    @Test
    void shouldWriteAUuidAsUuidToStringDoes() {
        Random random = new Random(29);
        for (int i = 0; i < SAMPLES; i++) {
            java.util.UUID uuid = new java.util.UUID(random.nextLong(), random.nextLong());
            ByteBuffer out = ByteBuffer.allocate(WireText.UUID_LENGTH);
            WireText.putUuid(out, uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
            assertThat(new String(out.array(), StandardCharsets.US_ASCII)).isEqualTo(uuid.toString());
        }
    }

    /** Up to 12 characters from ASCII (controls included), Latin, the BMP, surrogate pairs and lone surrogates. */
    private static String randomText(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(13);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0 -> s.append((char) random.nextInt(0x80));
                case 1 -> s.append((char) (0x80 + random.nextInt(0x780)));
                case 2 -> s.append((char) (0x800 + random.nextInt(0xD000)));
                case 3 -> s.appendCodePoint(0x10000 + random.nextInt(0x100000));
                default -> s.append((char) (0xD800 + random.nextInt(0x800)));
            }
        }
        return s.toString();
    }

    private static byte[] written(String v, CompiledTemplate.Place place) {
        ByteBuffer out = ByteBuffer.allocate(v.length() * 12);
        WireText.put(out, v, place);
        return Arrays.copyOf(out.array(), out.position());
    }

    private static String escapeForMessage(String v) {
        return v.codePoints().mapToObj(Integer::toHexString).toList().toString();
    }
}
