/**
 * The service's HTTP side: ingest with tokens and limits, the query API and the HTML pages.
 */
package io.stressgate.server.web;
