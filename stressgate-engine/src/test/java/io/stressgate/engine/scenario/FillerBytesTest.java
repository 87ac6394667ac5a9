package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class FillerBytesTest {
    @Test
    void shouldBeSplitMix64SeededWithZero() {
        // the first outputs of SplitMix64 from seed 0, as published with the reference implementation
        assertThat(FillerBytes.word(0)).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(FillerBytes.word(1)).isEqualTo(0x6E789E6AA1B965F4L);
        assertThat(FillerBytes.word(2)).isEqualTo(0x06C45D188009454FL);
    }

    @Test
    void shouldLayEachWordOutLittleEndian() {
        assertThat(FillerBytes.at(0)).isEqualTo((byte) 0xAF);
        assertThat(FillerBytes.at(7)).isEqualTo((byte) 0xE2);
        assertThat(FillerBytes.at(8)).isEqualTo((byte) 0xF4);
    }

    @Test
    void shouldPutTheSameBytesFromAnyOffsetIntoBuffersOfEitherOrder() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            ByteBuffer out = ByteBuffer.allocate(100).order(order);
            out.put((byte) 1);
            FillerBytes.put(out, 13, 61);

            assertThat(out.position()).isEqualTo(62);
            for (int i = 0; i < 61; i++) {
                assertThat(out.get(1 + i)).as("%s byte %d", order, 13 + i).isEqualTo(FillerBytes.at(13 + i));
            }
        }
    }
}
