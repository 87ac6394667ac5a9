package io.jenkins.plugins.stressgate;

import io.stressgate.engine.regression.RegressionPolicy;

/** The regression policy of the steps: the engine's default (p95/p99 +10%, rps -10%, errors +1 point, K = 5, unstable). */
final class Regression {
    static final RegressionPolicy POLICY = RegressionPolicy.DEFAULT;

    private Regression() {
    }
}
