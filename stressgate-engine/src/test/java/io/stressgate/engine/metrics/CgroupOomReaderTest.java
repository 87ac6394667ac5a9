package io.stressgate.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.OomKills;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory cgroup of a process and its OOM-kill counter, from text fixtures laid out as /proc and /sys/fs/cgroup. */
class CgroupOomReaderTest {
    private static final Path FIXTURES = Path.of("src/test/resources/cgroup");

    @TempDir
    Path root;

    private static String fixture(String name) throws IOException {
        return Files.readString(FIXTURES.resolve(name));
    }

    @Test
    void shouldTakeTheV1MemoryControllersLineOverTheUnifiedOne() throws IOException {
        assertThat(CgroupOomReader.memoryCgroup(fixture("proc-cgroup-v1.txt")))
                .contains(new CgroupOomReader.CgroupPath(1, "/process_api/0256ce4667f70968337b37cc4a23aa25/sg-oom"));
    }

    @Test
    void shouldTakeTheUnifiedLineOnAPureV2Machine() throws IOException {
        assertThat(CgroupOomReader.memoryCgroup(fixture("proc-cgroup-v2.txt")))
                .contains(new CgroupOomReader.CgroupPath(2, "/system.slice/celery-worker.service"));
        assertThat(CgroupOomReader.memoryCgroup("garbage\n")).isEmpty();
    }

    @Test
    void shouldReadOomKillFromBothCounterFilesAndNothingFromOthers() throws IOException {
        assertThat(CgroupOomReader.oomKill(fixture("memory.oom_control.txt"))).hasValue(3);
        assertThat(CgroupOomReader.oomKill(fixture("memory.events.txt"))).hasValue(2);
        assertThat(CgroupOomReader.oomKill("oom 4\nmax 2\n")).isEmpty();
        assertThat(CgroupOomReader.oomKill("oom_kill 99999999999999999999999\n")).isEmpty();
    }

    @Test
    void shouldFindTheV1CounterOfAProcessUnderTheMemoryMount() throws IOException {
        write("proc/42/cgroup", fixture("proc-cgroup-v1.txt"));
        Path control = write("cg/memory/process_api/0256ce4667f70968337b37cc4a23aa25/sg-oom/memory.oom_control",
                fixture("memory.oom_control.txt"));
        CgroupOomReader reader = new CgroupOomReader(root.resolve("proc"), root.resolve("cg"));

        assertThat(reader.counterOf(42)).contains(new CgroupOomReader.Counter(control, OomKills.CGROUP_V1));
        assertThat(reader.read(control)).hasValue(3);
        assertThat(reader.counterOf(43)).as("no such process").isEmpty();
    }

    @Test
    void shouldFindTheV2CounterAtTheRootOrUnderUnified() throws IOException {
        write("proc/7/cgroup", fixture("proc-cgroup-v2.txt"));
        Path events = write("cg/unified/system.slice/celery-worker.service/memory.events", fixture("memory.events.txt"));
        CgroupOomReader reader = new CgroupOomReader(root.resolve("proc"), root.resolve("cg"));

        assertThat(reader.counterOf(7)).contains(new CgroupOomReader.Counter(events, OomKills.CGROUP_V2));
    }

    @Test
    void shouldCountTheGrowthOfTheCounterSinceTheProcessWasFirstSeen() throws IOException {
        write("proc/42/cgroup", fixture("proc-cgroup-v1.txt"));
        Path control = write("cg/memory/process_api/0256ce4667f70968337b37cc4a23aa25/sg-oom/memory.oom_control",
                fixture("memory.oom_control.txt"));
        OomTally tally = new OomTally(new CgroupOomReader(root.resolve("proc"), root.resolve("cg")), 0);
        tally.saw(42);
        Files.writeString(control, "oom_kill_disable 0\nunder_oom 0\noom_kill 5\n");

        OomKills kills = tally.result(java.util.List.of(), new KernelOomLog(java.util.List.of("false")));

        assertThat(kills.count()).isEqualTo(2);
        assertThat(kills.source()).isEqualTo(OomKills.CGROUP_V1);
        assertThat(kills.detail()).contains(control.toString());
    }

    private Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file.normalize();
    }
}
