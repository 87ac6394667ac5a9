package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.ScenarioInfo;
import io.stressgate.engine.result.ShardInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int merge(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "merge";
        System.arraycopy(args, 0, full, 1, args.length);
        return StressGateCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(full);
    }

    private Path shard(String name, int index, String group) throws Exception {
        LoadSummary all = new LoadSummary(10, 0, 0, 0, 5, 0, 0, null, Map.of("200", 10L), Map.of(), 100, null);
        RunResults r = new RunResults.Builder().runId(name).scenario(new ScenarioInfo("s", "", "s.yml", "abc", null))
                .startedAt(Instant.parse("2026-12-04T16:00:00Z")).durationMs(2000).load(Map.of("all", all))
                .shard(new ShardInfo(index, 2, group, 1, 5L)).build();
        Path d = Files.createDirectories(dir.resolve(name));
        ResultsJson.write(r, d.resolve("results.json"));
        return d;
    }

    @Test
    void shouldRefuseAShardOfAnotherGroupWithExitTwoNamingTheFile() throws Exception {
        Path a = shard("a", 1, "build-1");
        Path b = shard("b", 2, "build-2");

        int code = merge(a.toString(), b.toString(), "--out", dir.resolve("merged").toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(b.resolve("results.json").toString()).contains("shard group build-2");
        assertThat(dir.resolve("merged")).doesNotExist();
    }

    @Test
    void shouldRefuseToWriteTheMergeIntoAShardsDirectory() throws Exception {
        Path a = shard("a", 1, "g");
        Path b = shard("b", 2, "g");

        assertThat(merge(a.toString(), b.toString(), "--out", a.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("is one of the shard directories");
    }

    @Test
    void shouldMergeAndExitWithTheVerdictOfTheMerge() throws Exception {
        Path a = shard("a", 1, "g");
        Path b = shard("b", 2, "g");

        int code = merge(a.toString(), b.toString(), "--out", dir.resolve("merged").toString());

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.PASSED);
        assertThat(out.toString()).contains("PASSED (COMPLETED").contains("merged 2 of 2 shards (group g)");
        assertThat(dir.resolve("merged/summary.md")).content().contains("Shards (2, merged");
    }
}
