package io.stressgate.engine.scenario;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which shard of a sharded run this process is: shard {@code index} of {@code count} in {@code group}, and which
 * shard is the primary (it runs the system-under-test parts). It also numbers {@code {{vu}}} and
 * {@code {{iteration}}} so ids stay unique over all shards: a shard's local number n becomes
 * {@code (n - 1) * count + index}, which interleaves the shards (with the first shards taking the remainders,
 * 10 users over 3 shards are exactly the ids 1 to 10).
 */
public record ShardRole(int index, int count, String group, int primary) {
    /** The most shards one run may be split into. */
    public static final int MAX_SHARDS = 1024;
    /** The group when none is given. */
    public static final String DEFAULT_GROUP = "default";
    private static final Pattern SHAPE = Pattern.compile("\\s*(\\d{1,4})\\s*/\\s*(\\d{1,4})\\s*");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9@._:-]{1,128}");

    public ShardRole {
        if (count < 1 || count > MAX_SHARDS) {
            throw new IllegalArgumentException("shard count " + count + " is not from 1 to " + MAX_SHARDS);
        }
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + " is not from 1 to " + count);
        }
        if (primary < 1 || primary > count) {
            throw new IllegalArgumentException("primary shard " + primary + " is not from 1 to " + count);
        }
        if (group == null || !GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("shard group \"" + group + "\" must be 1 to 128 of A-Z a-z 0-9 @ . _ : -");
        }
    }

    /** Parses {@code I/N} such as {@code 2/3}; the message of the exception names the value. */
    public static ShardRole parse(String text, String group, int primary) {
        Matcher m = SHAPE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("shard \"" + text + "\" is not of the form I/N, such as 2/3");
        }
        return new ShardRole(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                group == null ? DEFAULT_GROUP : group, primary);
    }

    public boolean isPrimary() {
        return index == primary;
    }

    /** The run-wide id of this shard's local virtual user or iteration number {@code local} (counted from 1). */
    public long globalId(long local) {
        return (local - 1) * count + index;
    }
}
