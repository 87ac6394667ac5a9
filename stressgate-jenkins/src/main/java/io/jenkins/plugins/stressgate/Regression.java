package io.jenkins.plugins.stressgate;

import io.stressgate.engine.step.RegressionCheck;

/** The regression check the steps use. */
final class Regression {
    /** Until the engine's regression package is wired in, runs are not compared with earlier builds. */
    static final RegressionCheck CHECK = RegressionCheck.NONE;

    private Regression() {
    }
}
