package io.stressgate.server.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Issues and checks API tokens. A token reads {@code sgt_<id>_<secret>}: the id finds the row, and only the SHA-256 of
 * the whole token is stored, compared in constant time. Expiry is judged by the server's clock with a small leeway.
 */
public final class TokenStore {
    static final String PREFIX = "sgt_";
    private static final Pattern FORMAT = Pattern.compile("sgt_([0-9a-f]{16})_[A-Za-z0-9_-]{43}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9@._:-]{1,64}");
    private static final Duration LEEWAY = Duration.ofSeconds(30);
    private static final byte[] DUMMY = sha256("sgt_0000000000000000_" + "x".repeat(43));

    private final Database db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Creates a token for every job; {@code validity} null means it does not expire. */
    public IssuedToken create(String name, Scope scope, Duration validity) {
        return create(name, scope, validity, JobScope.ALL);
    }

    /**
     * Creates a token that may upload only for the jobs of {@code jobs}; {@code validity} null means it does not expire.
     * The secret is in the result and nowhere else.
     */
    public IssuedToken create(String name, Scope scope, Duration validity, JobScope jobs) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("token name \"" + name + "\" must be 1 to 64 of A-Z a-z 0-9 @ . _ : -");
        }
        byte[] idBytes = new byte[8];
        byte[] secretBytes = new byte[32];
        random.nextBytes(idBytes);
        random.nextBytes(secretBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String secret = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        Instant now = clock.instant();
        Instant expires = validity == null ? null : now.plus(validity);
        Token token = new Token(id, name, scope, jobs, now, expires, null);
        db.write("creating token " + name, c -> {
            try (PreparedStatement s = Jdbc.prepare(c, "INSERT INTO tokens (id, name, secret_sha256, scope, jobs, "
                    + "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", id, name, HexFormat.of().formatHex(sha256(secret)),
                    scope.name(), jobs.text(), now.toEpochMilli(), expires == null ? null : expires.toEpochMilli())) {
                return s.executeUpdate();
            }
        });
        return new IssuedToken(secret, token);
    }

    /** The valid token the presented text is, or empty: unknown, malformed, wrong secret, expired or revoked. */
    public Optional<Token> verify(String presented) {
        if (presented == null || !FORMAT.matcher(presented).matches()) {
            return Optional.empty();
        }
        String id = presented.substring(PREFIX.length(), PREFIX.length() + 16);
        byte[] hash = sha256(presented);
        Optional<Stored> stored = find(id);
        boolean matches = MessageDigest.isEqual(hash, stored.map(Stored::hash).orElse(DUMMY));
        if (stored.isEmpty() || !matches) {
            return Optional.empty();
        }
        Token t = stored.get().token();
        Instant now = clock.instant();
        if (t.revokedAt() != null || t.expiresAt() != null && now.isAfter(t.expiresAt().plus(LEEWAY))) {
            return Optional.empty();
        }
        return Optional.of(t);
    }

    /** Revokes a token by name; false when there is none of that name. */
    public boolean revoke(String name) {
        return db.write("revoking token " + name, c -> {
            try (PreparedStatement s = Jdbc.prepare(c, "UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                    clock.millis(), name)) {
                return s.executeUpdate() == 1;
            }
        });
    }

    private record Stored(Token token, byte[] hash) {
    }

    private Optional<Stored> find(String id) {
        return Jdbc.read(db.reader(), "reading a token", c -> {
            try (PreparedStatement s = Jdbc.prepare(c, "SELECT id, name, secret_sha256, scope, jobs, created_at, expires_at, "
                    + "revoked_at FROM tokens WHERE id = ?", id); ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Long expires = Jdbc.nullableLong(rs, "expires_at");
                Long revoked = Jdbc.nullableLong(rs, "revoked_at");
                Token t = new Token(rs.getString("id"), rs.getString("name"), Scope.valueOf(rs.getString("scope")),
                        JobScope.parse(rs.getString("jobs")), Instant.ofEpochMilli(rs.getLong("created_at")), expires == null ? null : Instant.ofEpochMilli(expires),
                        revoked == null ? null : Instant.ofEpochMilli(revoked));
                return Optional.of(new Stored(t, HexFormat.of().parseHex(rs.getString("secret_sha256"))));
            }
        });
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
