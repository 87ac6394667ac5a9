/**
 * Scheduled and on-demand chaos: picks target processes under the safety rules, kills, signals or stops them, records
 * what must be restored in a ledger that survives the run, and measures recovery.
 */
package io.stressgate.engine.chaos;
