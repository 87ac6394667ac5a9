package io.stressgate.server.store;

import java.time.Instant;

/** A token as the store knows it (never its secret): its public id, name, scope, and when it expires or was revoked. */
public record Token(String id, String name, Scope scope, Instant createdAt, Instant expiresAt, Instant revokedAt) {
}
