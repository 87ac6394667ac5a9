/**
 * Importers of the result files that other load tools write (Locust, JMeter, Gatling, k6): each reads its file as a
 * stream into {@link io.stressgate.engine.imports.ImportedResults}, rebuilding HdrHistograms where the file holds raw
 * samples and keeping only what the tool reported where it holds summaries, so nothing is guessed.
 */
package io.stressgate.engine.imports;
