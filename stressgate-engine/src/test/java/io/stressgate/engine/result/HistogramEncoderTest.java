package io.stressgate.engine.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.zip.Deflater;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HistogramEncoderTest {

    private static Histogram drawn(Random random, int values) {
        Histogram h = Histograms.forRequests();
        for (int i = 0; i < values; i++) {
            Histograms.record(h, (long) Math.pow(10, random.nextDouble() * 10));
        }
        return h;
    }

    @Test
    void shouldWriteTheLibrarysVeryBytesAtItsDefaultLevelHistogramAfterHistogram() {
        Random random = new Random(11);
        try (HistogramEncoder encoder = new HistogramEncoder(Deflater.DEFAULT_COMPRESSION)) {
            for (int round = 0; round < 30; round++) {
                Histogram h = drawn(random, random.nextInt(5_000));
                assertThat(encoder.encode(h)).as("round %d", round).isEqualTo(Histograms.encode(h));
            }
        }
    }

    @Test
    void shouldDecodeToTheSameHistogramAtTheFastestLevel() {
        Random random = new Random(12);
        try (HistogramEncoder encoder = new HistogramEncoder(Deflater.BEST_SPEED)) {
            for (int round = 0; round < 30; round++) {
                Histogram h = drawn(random, random.nextInt(50_000));
                Histogram decoded = Histograms.decode(encoder.encode(h));
                assertThat(decoded).as("round %d", round).isEqualTo(h);
                assertThat(decoded.getMaxValue()).isEqualTo(h.getMaxValue());
            }
        }
    }

    @Test
    void shouldDecodeToTheSameHistogramWithHuffmanCodingAlone() {
        Random random = new Random(13);
        try (HistogramEncoder encoder = new HistogramEncoder(Deflater.BEST_SPEED, Deflater.HUFFMAN_ONLY);
             HistogramEncoder fastest = new HistogramEncoder(Deflater.BEST_SPEED)) {
            for (int round = 0; round < 30; round++) {
                Histogram h = drawn(random, random.nextInt(50_000));
                String huffman = encoder.encode(h);
                Histogram decoded = Histograms.decode(huffman);
                assertThat(decoded).as("round %d", round).isEqualTo(h);
                assertThat(decoded.getMaxValue()).isEqualTo(h.getMaxValue());
                assertThat(decoded.getTotalCount()).isEqualTo(h.getTotalCount());
                if (h.getTotalCount() > 0) { // a different stream, not the fastest level's bytes under another name
                    assertThat(huffman).isNotEqualTo(fastest.encode(h));
                }
            }
        }
    }
}
