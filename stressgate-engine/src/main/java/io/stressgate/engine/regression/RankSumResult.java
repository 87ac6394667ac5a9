package io.stressgate.engine.regression;

/**
 * The outcome of a two-sided Mann-Whitney U test of a candidate sample against a baseline sample: the sample sizes,
 * the candidate's U (pairs where the candidate is larger, ties counting half), the z score (continuity and tie
 * corrected; with the exact method it is given too, while p comes from U's exact distribution), the two-sided p-value, and two effect sizes: Cliff's delta (-1 all smaller
 * to +1 all larger) and the common-language effect size (the chance that a candidate value exceeds a baseline value).
 */
public record RankSumResult(int candidateSize, int baselineSize, double u, double z, double pValue, double cliffsDelta,
                            double commonLanguage, Method method) {
    /** How the p-value was found. */
    public enum Method {
        /** From the exact distribution of U (small samples without ties). */
        EXACT,
        /** From the normal approximation with tie and continuity correction. */
        NORMAL
    }

    /** Whether the difference is significant at the given level. */
    public boolean significantAt(double alpha) {
        return pValue < alpha;
    }

    /** Romano et al.'s reading of |delta|: negligible below 0.147, small below 0.33, medium below 0.474, else large. */
    public String effectLabel() {
        double d = Math.abs(cliffsDelta);
        return d < 0.147 ? "negligible" : d < 0.33 ? "small" : d < 0.474 ? "medium" : "large";
    }
}
