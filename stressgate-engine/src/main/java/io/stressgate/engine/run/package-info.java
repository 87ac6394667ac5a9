/**
 * One run from start to verdict: the system under test (started, watched and hurt through the harness), the load, job
 * accounting and gates, in order, with signals and failures ending it as INTERRUPTED or ERROR, never PASSED.
 */
package io.stressgate.engine.run;
