/**
 * The reporting service: keeps the history of many jobs' runs, draws their trends and answers release gates.
 */
package io.stressgate.server;
