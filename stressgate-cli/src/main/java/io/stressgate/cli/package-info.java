/**
 * The stressgate command line: one picocli command per verb over the engine, with its exit codes from the engine's one
 * table.
 */
package io.stressgate.cli;
