package io.stressgate.server.store;

import java.time.Instant;

/**
 * A token as the store knows it (never its secret): its public id, name, scope, the jobs it may upload for, and when
 * it expires or was revoked.
 */
public record Token(String id, String name, Scope scope, JobScope jobs, Instant createdAt, Instant expiresAt, Instant revokedAt) {
}
