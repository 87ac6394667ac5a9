package io.stressgate.cli;

import io.stressgate.engine.scenario.Scenario;
import io.stressgate.engine.scenario.ShardRole;
import io.stressgate.engine.shard.ShardPlanner;
import io.stressgate.engine.shard.StartTime;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code run}'s options for one shard of a sharded run and its agreed start time. */
final class ShardOptions {
    private static final long MAX_SLEEP_MS = 1000;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run shard I of N: its share of every phase; "
            + "the verdict is PENDING (exit 5) until 'stressgate merge' merges all N shards.")
    String shard;

    @Option(names = "--shard-group", paramLabel = "G", description = "Names the sharded run (e.g. the CI build), so "
            + "the merge refuses shards of another run (default: default).")
    String group;

    @Option(names = "--primary", paramLabel = "K", defaultValue = "1", description = "The shard that runs services, "
            + "chaos, sampling, queues, job accounting and the orphan check (default: ${DEFAULT-VALUE}).")
    int primary;

    @Option(names = "--start-at", paramLabel = "TIME", description = "Get ready in the 30 s before this ISO-8601 "
            + "instant and start the load at it (e.g. 2026-12-04T16:05:00Z; at most 2 s past and 1 h ahead), so all "
            + "shards load together.")
    String startAt;

    /** The role, or null when this run is not a shard; a bad value is a usage error naming it. */
    ShardRole role() {
        if (shard == null) {
            if (group != null || primary != 1) {
                throw new UsageException("--shard-group and --primary need --shard I/N");
            }
            return null;
        }
        try {
            return ShardRole.parse(shard, group, primary);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--shard: " + e.getMessage());
        }
    }

    StartTime start(Clock clock) {
        if (startAt == null) {
            return null;
        }
        try {
            return StartTime.parse(startAt, clock.instant());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--start-at: " + e.getMessage());
        }
    }

    static Scenario plan(Scenario scenario, ShardRole role) {
        try {
            return role == null ? scenario : ShardPlanner.plan(scenario, role);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--shard: " + e.getMessage());
        }
    }

    /**
     * Sleeps until {@link StartTime#PREPARE} before the agreed start, in steps of at most a second (the check bounded
     * the wait to an hour): the run then gets ready (services, samplers, warm-up, connections) and its load's clock
     * starts at the agreed instant itself.
     */
    static void await(StartTime start, Clock clock, PrintWriter err) throws InterruptedException {
        if (start == null) {
            return;
        }
        Duration left = start.preparation(clock.instant());
        err.println("waiting " + left.toMillis() + " ms to get ready for the agreed start " + start.at()
                + " (the load starts at that instant)");
        err.flush();
        while (!left.isZero()) {
            Thread.sleep(Math.min(MAX_SLEEP_MS, Math.max(1, left.toMillis())));
            left = start.preparation(clock.instant());
        }
    }
}
