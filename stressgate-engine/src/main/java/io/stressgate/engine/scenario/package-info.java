/**
 * The scenario file: read strictly into an immutable model, with every problem reported at once by file, line, column
 * and key.
 */
package io.stressgate.engine.scenario;
