package io.stressgate.engine.result;

/**
 * Which share of a sharded run a results file holds: shard {@code index} of {@code count} in {@code group}, which
 * shard is the primary (the one that ran the system-under-test parts), and how late this shard really started
 * after the agreed start time ({@code startOffsetMs}, null when no start time was agreed).
 */
public record ShardInfo(int index, int count, String group, int primary, Long startOffsetMs) {
}
