package io.stressgate.engine.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.process.ProcessInfo;
import io.stressgate.engine.process.ProcessQuery;
import io.stressgate.engine.process.Signal;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.scenario.ChaosSpec;
import io.stressgate.engine.scenario.TargetChoice;
import io.stressgate.engine.testing.TestRedis;
import io.stressgate.engine.testsupport.Children;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A real RQ worker (Debian's python3-rq) on a real Redis: the work horse it forks for a job shares its command line,
 * so a kill of the first match hits the worker itself; {@code among: children} hits the horse running the job, the
 * job fails as a task killed mid-run does, and the worker lives on.
 */
class ChaosRqIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final Children children = new Children();
    private TestRedis redis;
    private ChaosFixture chaos;

    @BeforeEach
    void start() throws Exception {
        redis = TestRedis.start();
        chaos = new ChaosFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        children.close();
        redis.close();
    }

    @Test
    void shouldKillTheWorkHorseBusyWithAJobAmongChildrenAndLeaveTheWorkerRunning() throws Exception {
        String queue = "chaos-" + Long.toHexString(System.nanoTime());
        Process worker = children.start(List.of("/usr/bin/rq", "worker", "--url", redis.url(), queue), Map.of());
        assertThat(Children.await(() -> workers() > 0 || !worker.isAlive(), WITHIN)).isTrue();
        assertThat(worker.isAlive()).as("the rq worker started").isTrue();
        enqueueSleep(queue, 60);
        assertThat(Children.await(() -> !chaos.proc.table().children(worker.pid()).isEmpty(), WITHIN)).as("a work horse").isTrue();
        long horse = chaos.proc.table().children(worker.pid()).get(0);
        Pattern rqWorker = Pattern.compile("rq worker --url " + Pattern.quote(redis.url()) + " " + queue + "$");
        List<ProcessInfo> matches = chaos.finder.find(new ProcessQuery(Set.of(), null, null, rqWorker, null));
        assertThat(matches).extracting(ProcessInfo::pid).as("the horse shares the worker's command line")
                .containsExactlyInAnyOrder(worker.pid(), horse);
        Selection selection = new Selection(List.of(), matches, "the rq worker of " + queue);

        ChaosEvent firstMatch = chaos.executor.execute(kill(TargetChoice.DEFAULT, 2, true), () -> selection, "test");
        ChaosEvent event = chaos.executor.execute(kill(new TargetChoice(TargetChoice.Among.CHILDREN, TargetChoice.Pick.FIRST), 1,
                false), () -> selection, "test");

        assertThat(firstMatch.targets()).extracting(ChaosEvent.Target::pid).as("without a choice: the worker itself")
                .containsExactly(worker.pid());
        assertThat(event.outcome()).as(event.message()).isEqualTo(ChaosEvent.Outcome.DONE);
        assertThat(event.targets()).extracting(ChaosEvent.Target::pid).containsExactly(horse);
        assertThat(event.among()).isEqualTo("children");
        assertThat(Children.await(() -> failedJobs(queue) == 1, WITHIN)).as("RQ failed the job whose horse was killed").isTrue();
        assertThat(ProcessHandle.of(horse).map(ProcessHandle::isAlive).orElse(false)).as("the horse is gone").isFalse();
        assertThat(worker.isAlive()).as("the worker lives on").isTrue();
    }

    private static ChaosOrder kill(TargetChoice choice, int max, boolean dryRun) {
        return new ChaosOrder("kill-horse", ChaosSpec.Action.KILL, Signal.KILL, ChaosSpec.Scope.PROCESS, 1, max, choice, null,
                List.of(), List.of(), ChaosSpec.Recovery.NONE, null, false, false, dryRun);
    }

    private void enqueueSleep(String queue, int seconds) throws Exception {
        Process enqueue = children.start(List.of("/usr/bin/python3", "-c", "import sys\nfrom redis import Redis\nfrom rq import Queue\n"
                + "Queue(sys.argv[2], connection=Redis.from_url(sys.argv[1])).enqueue('time.sleep', int(sys.argv[3]),"
                + " job_timeout=600)", redis.url(), queue, Integer.toString(seconds)), Map.of());
        assertThat(enqueue.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(enqueue.exitValue()).as("the job was enqueued").isZero();
    }

    private long workers() {
        try (Jedis jedis = redis.client()) {
            return jedis.scard("rq:workers");
        }
    }

    private long failedJobs(String queue) {
        try (Jedis jedis = redis.client()) {
            return jedis.zcard("rq:failed:" + queue);
        }
    }
}
