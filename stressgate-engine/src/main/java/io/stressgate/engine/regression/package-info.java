/**
 * Regression against earlier builds: baselines chosen from history and each metric compared with a rank-sum test, so a
 * slower build is told from noise.
 */
package io.stressgate.engine.regression;
