package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.result.ResultsReader;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.shard.ShardMerger;
import io.stressgate.engine.shard.ShardSet;
import io.stressgate.engine.shard.ShardSetException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stressgate merge DIR... --out DIR}: merges the shards of one run and gives the run its one verdict. */
@Command(name = "merge", description = "Merges the output directories of all shards of one run (stressgate run --shard "
        + "I/N) into one result: histograms and counts added exactly, the gates evaluated once. Writes results.json, "
        + "junit.xml, summary.md and report.html and exits like run: 0 PASSED, 3 UNSTABLE, 1 FAILED or incomplete "
        + "(a shard interrupted, failed or without results), 2 when the directories are not the shards of one run.")
final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Each shard's output directory, one per shard.")
    private List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where the merged reports go.")
    private Path out;

    @Option(names = "--workers", paramLabel = "N", description = "Threads that read the shards and add their intervals "
            + "(default: one per core).")
    private Integer workers;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path target = out.toAbsolutePath().normalize();
        for (Path dir : dirs) {
            if (dir.toAbsolutePath().normalize().equals(target)) {
                throw new UsageException("--out " + out + " is one of the shard directories; the merge would overwrite that shard's results");
            }
        }
        Merged merged = merge();
        java.nio.file.Files.createDirectories(out);
        Reports.write(merged.results(), out);
        RunCommand.print(spec.commandLine().getOut(), merged.results(), out);
        spec.commandLine().getOut().println(merged.line());
        spec.commandLine().getOut().flush();
        return ExitCodes.of(merged.results());
    }

    /** The merged run and the line that says what was merged. */
    private record Merged(RunResults results, String line) {
    }

    /**
     * Reads and merges the shards; their results (most of the heap: every shard's interval histograms) are no
     * longer reachable once this returns, so writing the reports has that heap to itself.
     */
    private Merged merge() throws UsageException {
        ShardSet set;
        try {
            set = workers == null ? ShardSet.read(dirs, new ResultsReader()) : ShardSet.read(dirs, new ResultsReader(), workers);
        } catch (ShardSetException e) {
            throw new UsageException("stressgate merge: " + e.getMessage());
        }
        ShardMerger merger = workers == null ? new ShardMerger() : new ShardMerger(workers);
        return new Merged(merger.merge(set),
                String.format("  merged %d of %d shards (group %s)", set.shards().size(), set.count(), set.group()));
    }
}
