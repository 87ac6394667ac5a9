package io.stressgate.engine.scenario;

/**
 * Where completions of jobs are recorded for duplicate detection: a Redis list (or stream) to which workers append
 * the id of each job they finish. Without it, duplicates can only be seen through the poll status.
 */
public record AccountingSpec(String redisUrl, String completionsKey) {
    public static final AccountingSpec NONE = new AccountingSpec(null, null);

    public boolean enabled() {
        return completionsKey != null;
    }
}
