package io.stressgate.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** One schema change: its version, what it does, its SQL statements, and a checksum that pins the text once applied. */
public record Migration(int version, String description, List<String> statements, String checksum) {
    public Migration {
        statements = List.copyOf(statements);
    }

    /** Every migration of this version of the service, oldest first. */
    public static List<Migration> all() {
        return List.of(fromResource(1, "runs and tokens", "V1__runs_and_tokens.sql"),
                fromResource(2, "tokens limited to jobs", "V2__token_jobs.sql"),
                fromResource(3, "run views and endpoint pages", "V3__run_views.sql"));
    }

    /** A migration from SQL text whose statements end with a semicolon at the end of a line. */
    public static Migration of(int version, String description, String sql) {
        List<String> statements = Arrays.stream(sql.split(";\\s*(\\r?\\n|$)"))
                .map(s -> s.lines().filter(l -> !l.trim().startsWith("--")).reduce("", (a, b) -> a + b + "\n").trim())
                .filter(s -> !s.isEmpty())
                .toList();
        return new Migration(version, description, statements, sha256(sql));
    }

    private static Migration fromResource(int version, String description, String resource) {
        try (InputStream in = Migration.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration " + resource + " is not on the classpath");
            }
            return of(version, description, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + resource, e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
