package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {
    @ParameterizedTest
    @CsvSource({"10s, 10000", "500ms, 500", "1m30s, 90000", "1.5h, 5400000", "2d, 172800000", "250us, 0.25", "0s, 0", "1h2m3s, 3723000"})
    void shouldReadDurations(String text, double millis) {
        assertThat(Quantities.duration(text).toNanos() / 1e6).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "10 years", "s", "1.s", "-5s", "5 s", "1m-30s", ""})
    void shouldRefuseWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Quantities.duration(text)).isInstanceOf(QuantityException.class);
    }

    @ParameterizedTest
    @CsvSource({"512, 512", "100B, 100", "10KB, 10000", "10KiB, 10240", "1.5MB, 1500000", "1GiB, 1073741824", "2tb, 2000000000000"})
    void shouldReadSizes(String text, long bytes) {
        assertThat(Quantities.bytes(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"2000/s, 2000", "2k/s, 2000", "120/m, 2", "120/min, 2", "3600/h, 1", "10/100ms, 100", "5 per second, 5", "1/ms, 1000"})
    void shouldReadRates(String text, double perSecond) {
        assertThat(Quantities.rate(text).perSecond()).isEqualTo(perSecond);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2000", "2000/", "/s", "2000/0s", "fast"})
    void shouldRefuseWhatIsNotARate(String text) {
        assertThatThrownBy(() -> Quantities.rate(text)).isInstanceOf(QuantityException.class);
    }

    @ParameterizedTest
    @CsvSource({"1%, 0.01", "0.5%, 0.005", "100%, 1", "0.01, 0.01", "0%, 0"})
    void shouldReadPercentagesAsFractions(String text, double fraction) {
        assertThat(Quantities.fraction(text)).isEqualTo(fraction);
    }

    @ParameterizedTest
    @CsvSource({"1000, 1000", "10k, 10000", "2M, 2000000"})
    void shouldReadCounts(String text, long count) {
        assertThat(Quantities.count(text)).isEqualTo(count);
    }

    @ParameterizedTest
    @CsvSource({"250, 250ms", "1500, 1.5s", "90000, 1m30s", "3723000, 1h2m3s", "0.25, 250us"})
    void shouldFormatDurationsTheWayTheyAreWritten(double millis, String text) {
        assertThat(Quantities.format(Duration.ofNanos(Math.round(millis * 1e6)))).isEqualTo(text);
    }
}
