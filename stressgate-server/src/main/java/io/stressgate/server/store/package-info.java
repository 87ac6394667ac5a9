/**
 * Storage of runs and tokens on SQLite or PostgreSQL, with schema migrations and precomputed views of each run.
 */
package io.stressgate.server.store;
