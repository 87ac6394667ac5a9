/**
 * The outputs a person or a CI reads from a run's results: summary.md, report.html, junit.xml and CSV, and the trends
 * over earlier builds.
 */
package io.stressgate.engine.report;
