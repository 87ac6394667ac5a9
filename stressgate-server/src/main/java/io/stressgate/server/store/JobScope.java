package io.stressgate.server.store;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The jobs a token may upload for: name patterns where {@code *} stands for any run of characters ({@code shop-*},
 * {@code team/checkout}), or every job. Lets one service hold many teams' history without one team's CI writing
 * into another's jobs.
 */
public final class JobScope {
    /** Every job: tokens created without a scope, and every token from before scopes existed. */
    public static final JobScope ALL = new JobScope(List.of());
    private static final Pattern GLOB = Pattern.compile("[^,\\p{Cntrl}]{1,128}");

    private final List<String> globs;
    private final List<Pattern> patterns;

    private JobScope(List<String> globs) {
        this.globs = List.copyOf(globs);
        this.patterns = globs.stream().map(JobScope::compile).toList();
    }

    /** Patterns separated by commas; null or blank is every job. */
    public static JobScope parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        List<String> globs = Arrays.stream(text.split(",")).map(String::trim).toList();
        for (String glob : globs) {
            if (!GLOB.matcher(glob).matches() || glob.chars().allMatch(c -> c == '*')) {
                throw new IllegalArgumentException("job pattern \"" + glob + "\" must be 1 to 128 characters without commas or "
                        + "control characters, and not only *; leave the scope out for every job");
            }
        }
        return new JobScope(globs);
    }

    public boolean allows(String job) {
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matcher(job).matches());
    }

    public boolean isAll() {
        return globs.isEmpty();
    }

    /** As stored and shown: the patterns joined by commas, or null for every job. */
    public String text() {
        return isAll() ? null : String.join(",", globs);
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobScope other && globs.equals(other.globs);
    }

    @Override
    public int hashCode() {
        return globs.hashCode();
    }

    @Override
    public String toString() {
        return isAll() ? "every job" : "jobs " + String.join(", ", globs);
    }
}
