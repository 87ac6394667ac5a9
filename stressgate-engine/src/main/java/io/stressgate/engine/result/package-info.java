/**
 * A run's results (results.json, versioned and validated on read), its status and verdict, the values of its metrics
 * as gates read them, and the one table of exit codes that follows from them.
 */
package io.stressgate.engine.result;
