package io.stressgate.engine.result;

import java.util.List;

/**
 * What one shard's job accounting hands the merge so that jobs are matched across shards: the jobs still open at
 * the shard's end (pending, or lost with the reason), the ids it counted duplicated, and, on the shard that read the
 * completions log (the primary), the fingerprints of every distinct id in that log. A job one shard left open and
 * the log holds is completed in the merge. Counts beyond the caps are kept as {@code openOmitted} and
 * {@code duplicatedOmitted}, so the merge knows when it cannot match every job. Written in a shard's results only.
 */
public record ShardLedger(List<OpenJob> open, long openOmitted, List<String> duplicatedIds, long duplicatedOmitted,
                          CompletionsLog completions) {
    /** At most this many open jobs are listed; a backlog larger than this stays as the shard counted it. */
    public static final int MAX_OPEN = 50_000;
    /** At most this many duplicated ids are listed. */
    public static final int MAX_DUPLICATED = 10_000;

    public ShardLedger {
        open = open == null ? List.of() : List.copyOf(open);
        duplicatedIds = duplicatedIds == null ? List.of() : List.copyOf(duplicatedIds);
    }

    /** A job the shard left open: {@code lostReason} is why it counted lost, null when it counted pending. */
    public record OpenJob(String id, String lostReason) {
        public boolean lost() {
            return lostReason != null;
        }
    }

    /**
     * The completions log as one scan read it: {@code entries} read, {@code distinct} ids, and those ids'
     * fingerprints ({@link JobFingerprints}); null fingerprints when the log held more than
     * {@link JobFingerprints#MAX_RECORDED} distinct ids (or more than the scan could hold), so none can be matched.
     */
    public record CompletionsLog(long entries, long distinct, String fingerprints) {
        public boolean recorded() {
            return fingerprints != null;
        }
    }
}
