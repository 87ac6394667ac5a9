package io.stressgate.engine.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JobFingerprintsTest {

    @Test
    void shouldGiveBackEveryFingerprintSortedAndOnce() {
        long[] fps = IntStream.range(0, 5_000).mapToLong(i -> JobFingerprints.of("job-" + (i % 4_000))).toArray();

        long[] decoded = JobFingerprints.decode(JobFingerprints.encode(fps));

        assertThat(decoded).hasSize(4_000).isSorted();
        assertThat(decoded).containsExactly(Arrays.stream(fps).distinct().sorted().toArray());
        assertThat(JobFingerprints.contains(decoded, "job-3999")).isTrue();
        assertThat(JobFingerprints.contains(decoded, "job-4000")).isFalse();
    }

    @Test
    void shouldKeepTheExtremesOfTheUnsignedRange() {
        long[] fps = {Long.MIN_VALUE, -1, 1, Long.MAX_VALUE};

        assertThat(JobFingerprints.decode(JobFingerprints.encode(fps))).containsExactly(Long.MIN_VALUE, -1, 1, Long.MAX_VALUE);
        assertThat(JobFingerprints.decode(JobFingerprints.encode(new long[0]))).isEmpty();
    }

    @Test
    void shouldFitTheMostFingerprintsRecordedInHalfTheStringsTheReaderAccepts() {
        long[] fps = IntStream.range(0, JobFingerprints.MAX_RECORDED).mapToLong(i -> JobFingerprints.of("j" + i)).toArray();

        String text = JobFingerprints.encode(fps);

        assertThat(text.length()).as("characters for %d ids", fps.length)
                .isLessThan(ResultsReader.Limits.DEFAULT.maxStringLength() / 2 + 100_000);
    }

    @Test
    void shouldSayWhatIsWrongWithTextThatIsNoFingerprintList() {
        String cut = Base64.getEncoder().encodeToString(Arrays.copyOf(
                Base64.getDecoder().decode(JobFingerprints.encode(new long[] {5, 7, 9})), 4));

        assertThatThrownBy(() -> JobFingerprints.decode("not base64 !")).hasMessageContaining("not Base64");
        assertThatThrownBy(() -> JobFingerprints.decode(cut)).hasMessageContaining("cut short");
        assertThatThrownBy(() -> JobFingerprints.decode(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})))
                .hasMessageContaining("job fingerprints");
    }
}
