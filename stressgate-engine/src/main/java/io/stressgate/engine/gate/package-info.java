/**
 * Gate evaluation: a gate expression read from the scenario is decided against a run's metrics, and a metric that was
 * not measured breaks its gate with the reason instead of passing.
 */
package io.stressgate.engine.gate;
