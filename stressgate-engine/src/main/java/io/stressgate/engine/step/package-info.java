/**
 * The decisions of the CI steps (Jenkins and others), free of any CI type: arguments checked, the CLI command built,
 * its outputs read as untrusted files and judged into a build result.
 */
package io.stressgate.engine.step;
