package io.stressgate.engine.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/**
 * Known answers worked out by hand (shown in each test) and checked against SciPy 1.17
 * ({@code scipy.stats.mannwhitneyu(x, y, alternative="two-sided", method=...)}).
 */
class RankSumTestTest {
    private final RankSumTest test = new RankSumTest();

    @Test
    void shouldGiveTheExactPValueOfCompletelySeparatedSmallSamples() {
        // U = 0: of the C(6,3) = 20 equally likely arrangements one gives U = 0, so p = 2 * 1/20.
        RankSumResult r = test.test(new double[] {1, 2, 3}, new double[] {4, 5, 6});

        assertThat(r.method()).isEqualTo(RankSumResult.Method.EXACT);
        // z still standardizes U: mean 4.5, variance 3*3*7/12 = 5.25, (0 - 4.5 + 0.5) / sqrt(5.25)
        assertThat(r.z()).isCloseTo(-1.74574, within(1e-5));
        assertThat(r.u()).isEqualTo(0);
        assertThat(r.pValue()).isCloseTo(0.1, within(1e-12));
        assertThat(r.cliffsDelta()).isEqualTo(-1);
        assertThat(r.commonLanguage()).isEqualTo(0);
        assertThat(r.effectLabel()).isEqualTo("large");
    }

    @Test
    void shouldCountPairsForUAndTheLowerTailForTheExactPValue() {
        // candidate beats 2 + 5 + 5 + 5 = 17 of 20 pairs; min(U, 20 - U) = 3, and of C(9,4) = 126 arrangements
        // 1 + 1 + 2 + 3 = 7 give U <= 3, so p = 2 * 7/126 = 0.1111.
        RankSumResult r = test.test(new double[] {3, 7, 9, 12}, new double[] {1, 2, 4, 5, 6});

        assertThat(r.u()).isEqualTo(17);
        assertThat(r.pValue()).isCloseTo(14.0 / 126, within(1e-12));
        assertThat(r.cliffsDelta()).isCloseTo(2 * 17.0 / 20 - 1, within(1e-12));
        assertThat(r.commonLanguage()).isCloseTo(0.85, within(1e-12));
    }

    @Test
    void shouldUseTheNormalApproximationWithTieCorrectionWhenValuesTie() {
        // ranks of x: 1, 3, 3, 5.5, 7 -> R = 19.5, U = 19.5 - 15 = 4.5; tie groups of 3 and 2 -> T = 24 + 6 = 30;
        // var = 5*6/12 * (12 - 30/110) = 29.318; z = -(|4.5 - 15| - 0.5) / sqrt(29.318) = -1.84685; p = 0.064769.
        RankSumResult r = test.test(new double[] {1, 2, 2, 3, 4}, new double[] {2, 3, 5, 6, 7, 8});

        assertThat(r.method()).isEqualTo(RankSumResult.Method.NORMAL);
        assertThat(r.u()).isEqualTo(4.5);
        assertThat(r.z()).isCloseTo(-1.84685, within(1e-5));
        assertThat(r.pValue()).isCloseTo(0.06476896969888761, Percentage.withPercentage(1e-4));
        assertThat(r.cliffsDelta()).isCloseTo(2 * 4.5 / 30 - 1, within(1e-12));
    }

    @Test
    void shouldUseTheNormalApproximationForLargeSamplesWithoutTies() {
        // 25 against 25, separated: U = 0, z = -(312.5 - 0.5) / sqrt(625 * 51 / 12) = -6.0537, p = 1.41566e-9.
        double[] low = IntStream.rangeClosed(1, 25).asDoubleStream().toArray();
        double[] high = IntStream.rangeClosed(26, 50).asDoubleStream().toArray();

        RankSumResult r = test.test(high, low);

        assertThat(r.method()).isEqualTo(RankSumResult.Method.NORMAL);
        assertThat(r.u()).isEqualTo(625);
        assertThat(r.z()).isCloseTo(6.0537, within(1e-4));
        assertThat(r.pValue()).isCloseTo(1.4156562248495537e-09, Percentage.withPercentage(1e-3));
        assertThat(r.cliffsDelta()).isEqualTo(1);
    }

    @Test
    void shouldAgreeWithScipyOnARealisticTiedSample() {
        double[] x = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21};
        double[] y = {10, 10, 11, 12, 12, 13, 14, 15, 15, 16};

        RankSumResult r = test.test(x, y);

        assertThat(r.u()).isEqualTo(87);
        assertThat(r.pValue()).isCloseTo(0.07920709214265217, Percentage.withPercentage(1e-4));
    }

    @Test
    void shouldFindNoDifferenceBetweenIdenticalSamples() {
        RankSumResult r = test.test(new double[] {5, 5, 5}, new double[] {5, 5, 5, 5});

        assertThat(r.pValue()).isEqualTo(1);
        assertThat(r.z()).isEqualTo(0);
        assertThat(r.cliffsDelta()).isEqualTo(0);
        assertThat(r.effectLabel()).isEqualTo("negligible");
    }

    @Test
    void shouldComputeTheComplementaryErrorFunctionToSevenDigits() {
        assertThat(RankSumTest.erfc(0)).isCloseTo(1, within(1e-7));
        assertThat(RankSumTest.erfc(1)).isCloseTo(0.15729920705028513, Percentage.withPercentage(1.2e-5));
        assertThat(RankSumTest.erfc(-0.5)).isCloseTo(1.5204998778130465, Percentage.withPercentage(1.2e-5));
        assertThat(RankSumTest.erfc(1.959963985 / Math.sqrt(2))).isCloseTo(0.05, within(1e-7));
    }

    @Test
    void shouldRefuseEmptyAndNonFiniteSamplesNamingTheSide() {
        assertThatThrownBy(() -> test.test(new double[0], new double[] {1})).hasMessageContaining("candidate sample is empty");
        assertThatThrownBy(() -> test.test(new double[] {1}, new double[] {Double.NaN})).hasMessageContaining("baseline sample holds NaN");
    }
}
