package io.stressgate.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemReaderTest {
    /** Six lines, so the first system key of every scenario below is on line 7. */
    private static final String HEAD = """
            name: sut
            target: http://127.0.0.1:1
            load:
              - {name: main, executor: constant-vus, vus: 1, duration: 10s, request: {path: /}}
            description: system under test
            redis: redis://127.0.0.1:6379
            """;

    private static final String SYSTEM_GATES = """
            gates:
              - queue{name=default}.max_depth < 500
              - process{name=worker}.rss_max < 512MiB
              - system.cpu_max < 95%
              - orphans == 0
              - leaks.fds < 10
              - chaos.recovery_max < 30s
            """;

    private final ScenarioLoader loader = new ScenarioLoader(Variables.of(Map.of()), ScenarioLimits.DEFAULTS);

    private Scenario load(String system) throws ScenarioException {
        return loader.parse("sut.yml", HEAD + system, Path.of("/srv/app"));
    }

    private List<Problem> problems(String system) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> load(system));
        assertThat(e).as("the scenario should have been refused").isNotNull();
        return e.problems();
    }

    private List<String> messages(String system) {
        return problems(system).stream().map(Problem::message).toList();
    }

    @Test
    void shouldReadEverySystemSectionAsWritten() throws Exception {
        SystemUnderTest system = load("""
                services:
                  - name: worker
                    command: [python3, worker.py, --queue, default, --id, "w{{replica}}"]
                    env: {REDIS_URL: "redis://127.0.0.1:6379", WORKER: "{{replica}}"}
                    workdir: ./app
                    replicas: 3
                    ready: {tcp: "127.0.0.1:800{{replica}}", timeout: 30s}
                    stop: {signal: SIGINT, grace: 5s}
                    restart: true
                processes:
                  - {name: api, port: 8000}
                  - {name: celery, cmdline: "celery .*worker", tree: true}
                  - {name: nginx, exe: nginx}
                  - {name: db, pidFile: run/db.pid}
                sampling: {interval: 50ms, system: false}
                queues:
                  - {name: default, type: rq}
                  - {name: events, type: stream, key: "app:events", group: workers, drainTimeout: 2m}
                jobs: {completions: "app:done"}
                chaos:
                  - {name: kill-worker, at: 10s, action: kill, target: worker, signal: KILL, count: 1, max: 3, scope: tree,
                     restart: true, recover: {tcp: "127.0.0.1:8000", timeout: 30s}}
                  - {name: redis-outage, when: "queue{name=default}.depth > 50", action: stop,
                     command: [redis-cli, -p, "6379", shutdown, nosave],
                     restore: [redis-server, --port, "6379", --daemonize, "yes"], duration: 10s,
                     recover: {command: [redis-cli, ping]}}
                  - {name: freeze-api, at: 20s, action: pause, target: api, duration: 5s, allowOtherUsers: true}
                orphans: {grace: 3s, pattern: "mubeng|proxy-scraper", reap: true}
                """).system();

        ServiceSpec worker = system.services().get(0);
        assertThat(worker.command()).containsExactly("python3", "worker.py", "--queue", "default", "--id", "w{{replica}}");
        assertThat(worker.env()).containsEntry("WORKER", "{{replica}}");
        assertThat(worker.workdir()).isEqualTo(Path.of("/srv/app/app").toString());
        assertThat(worker.replicas()).isEqualTo(3);
        assertThat(worker.ready()).isEqualTo(new ServiceSpec.ReadinessCheck(ServiceSpec.ReadinessCheck.Kind.TCP,
                "127.0.0.1:800{{replica}}", Duration.ofSeconds(30), Duration.ofMillis(100)));
        assertThat(worker.stop()).isEqualTo(new ServiceSpec.StopSpec("INT", Duration.ofSeconds(5), List.of()));
        assertThat(worker.restart()).isTrue();
        assertThat(system.processes()).extracting(ProcessSelector::describe)
                .containsExactly("port 8000", "command line /celery .*worker/", "name nginx", "pid file /srv/app/run/db.pid");
        assertThat(system.process("celery").orElseThrow().tree()).isTrue();
        assertThat(system.sampling()).isEqualTo(new SamplingSpec(Duration.ofMillis(50), false));
        assertThat(system.queue("default").orElseThrow().key()).isEqualTo("rq:queue:default");
        assertThat(system.queue("events").orElseThrow()).satisfies(q -> {
            assertThat(q.redisUrl()).isEqualTo("redis://127.0.0.1:6379");
            assertThat(q.group()).isEqualTo("workers");
            assertThat(q.drainTimeout()).isEqualTo(Duration.ofMinutes(2));
        });
        assertThat(system.accounting()).isEqualTo(new AccountingSpec("redis://127.0.0.1:6379", "app:done"));
        ChaosSpec kill = system.chaos().get(0);
        assertThat(kill.at()).isEqualTo(Duration.ofSeconds(10));
        assertThat(kill.signal()).isEqualTo("KILL");
        assertThat(kill.scope()).isEqualTo(ChaosSpec.Scope.TREE);
        assertThat(kill.restartService()).isTrue();
        assertThat(kill.recover().kind()).isEqualTo(ChaosSpec.Recovery.Kind.TCP);
        ChaosSpec outage = system.chaos().get(1);
        assertThat(outage.when().metric().toString()).isEqualTo("queue{name=default}.depth");
        assertThat(outage.restore()).containsExactly("redis-server", "--port", "6379", "--daemonize", "yes");
        assertThat(outage.recover().command()).containsExactly("redis-cli", "ping");
        assertThat(system.chaos().get(2)).satisfies(p -> {
            assertThat(p.action()).isEqualTo(ChaosSpec.Action.PAUSE);
            assertThat(p.duration()).isEqualTo(Duration.ofSeconds(5));
            assertThat(p.allowOtherUsers()).isTrue();
        });
        assertThat(system.orphans().pattern().pattern()).isEqualTo("mubeng|proxy-scraper");
        assertThat(system.orphans().reap()).isTrue();
    }

    @Test
    void shouldRefuseACommandWrittenAsOneStringAndSayToWriteAList() {
        List<Problem> problems = problems("""
                services:
                  - name: worker
                    command: "python3 worker.py; touch pwned-canary"
                """);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(new Location("sut.yml", 9, 14));
            assertThat(p.path()).isEqualTo("services[0].command");
            assertThat(p.message()).startsWith("write the command as a list of arguments, e.g. [python3, worker.py;, touch, pwned-canary]")
                    .contains("without a shell");
        });
    }

    @Test
    void shouldKeepShellMetacharactersInArgumentsAndEnvironmentAsLiteralText() throws Exception {
        ServiceSpec service = load("""
                services:
                  - name: echo
                    command: [/bin/echo, "; touch pwned-canary", "$(id)", "`id`", "a | b", "a && b", "line\\nbreak"]
                    env: {PAYLOAD: "$(touch pwned-canary)"}
                """).system().services().get(0);

        assertThat(service.command()).containsExactly("/bin/echo", "; touch pwned-canary", "$(id)", "`id`", "a | b", "a && b",
                "line\nbreak");
        assertThat(service.env()).containsEntry("PAYLOAD", "$(touch pwned-canary)");
    }

    @Test
    void shouldRefuseNamesThatAreNotPlainIdentifiers() {
        List<Problem> problems = problems("""
                services:
                  - {name: "; touch pwned-canary", command: [sleep, "1"]}
                processes:
                  - {name: "$(id)", port: 8000}
                  - {name: "..", port: 8001}
                chaos:
                  - {name: "a|b", at: 1s, action: start, command: [/bin/true]}
                """);

        assertThat(problems).extracting(Problem::path)
                .containsExactly("services[0].name", "processes[0].name", "processes[1].name", "chaos[0].name");
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).contains("must be 1 to 128 letters, digits or . _ : @ -"));
    }

    @Test
    void shouldReportUnknownKeysWithTheNearestKnownKey() {
        List<Problem> problems = problems("""
                services:
                  - {name: worker, command: [sleep, "60"], replica: 3}
                chaos:
                  - {name: k, at: 1s, action: kill, target: worker, singal: KILL}
                orphans: {grce: 2s}
                """);

        assertThat(problems).extracting(Problem::toString).satisfiesExactly(
                p -> assertThat(p).startsWith("sut.yml:8:44: services[0].replica: unknown key \"replica\"; did you mean \"replicas\"?"),
                p -> assertThat(p).startsWith("sut.yml:10:53: chaos[0].singal: unknown key \"singal\"; did you mean \"signal\"?"),
                p -> assertThat(p).startsWith("sut.yml:11:11: orphans.grce: unknown key \"grce\"; did you mean \"grace\"?"));
    }

    @Test
    void shouldCatchEveryChaosContradictionAtOnceWithItsKeyPath() {
        List<Problem> problems = problems("""
                services:
                  - {name: worker, command: [sleep, "60"]}
                processes:
                  - {name: api, port: 8000}
                queues:
                  - {name: default}
                chaos:
                  - {name: p, at: 1s, action: pause, target: worker}
                  - {name: s, at: 1s, action: stop, command: [redis-cli, shutdown]}
                  - {name: t, at: 1s, action: kill, target: wroker}
                  - {name: q, when: "queue{name=celery}.depth > 5", action: kill, target: worker}
                  - {name: c, at: 1s, action: kill, target: worker, count: 3, max: 2}
                  - {name: b, at: 1s, when: "system.cpu > 90%", action: kill, target: worker}
                  - {name: n, action: kill, target: worker}
                  - {name: r, at: 1s, action: kill, target: api, restart: true}
                  - {name: g, at: 1s, action: pause, target: api, duration: 1s, signal: KILL}
                  - {name: x, at: 1s, action: kill, target: api, restore: [x]}
                  - {name: o, when: "orphans > 0", action: kill, target: api}
                """);

        assertThat(problems).extracting(p -> p.path() + ": " + p.message()).satisfiesExactly(
                p -> assertThat(p).isEqualTo("chaos[0]: \"duration\" is required: how long the paused processes stay stopped before CONT"),
                p -> assertThat(p).startsWith("chaos[1]: \"restore\" is required: the argument list that undoes the stop"),
                p -> assertThat(p).startsWith("chaos[2].target: chaos target \"wroker\" names no service or process group;"
                        + " did you mean \"worker\"? (known: worker, api)"),
                p -> assertThat(p).isEqualTo("chaos[3].when: condition \"queue{name=celery}.depth > 5\": no queue is named"
                        + " \"celery\" (known: default)"),
                p -> assertThat(p).startsWith("chaos[4].count: \"count\" 3 is more than \"max\" 2"),
                p -> assertThat(p).startsWith("chaos[5]: give either \"at\" (an offset from the load start) or \"when\""),
                p -> assertThat(p).startsWith("chaos[6]: say when the action fires"),
                p -> assertThat(p).isEqualTo("chaos[7].restart: restart needs a service the run started; \"api\" is a process group"),
                p -> assertThat(p).startsWith("chaos[8].signal: \"signal\" does not apply to pause"),
                p -> assertThat(p).startsWith("chaos[9].restore: \"restore\" does not apply to kill: only a stop is restored"),
                p -> assertThat(p).startsWith("chaos[10].when: condition \"orphans > 0\": orphans is only known after the run"));
        assertThat(problems.get(0).location()).isEqualTo(new Location("sut.yml", 14, 5));
    }

    @Test
    void shouldHoldChaosValuesToTheBoundsEveryFrontEndSharesNamingFileLineAndKey() {
        String sixtyFive = String.join(", ", java.util.Collections.nCopies(65, "x"));
        List<Problem> problems = problems("""
                processes:
                  - {name: api, port: 8000}
                chaos:
                  - {name: p, at: 1s, action: pause, target: api, duration: 2h, count: 1500}
                  - {name: k, at: 1s, action: kill, target: api, recover: {tcp: "127.0.0.1:8000", timeout: 50ms}}
                  - {name: s, at: 1s, action: stop, command: [%s], restore: [y], duration: 0s}
                """.formatted(sixtyFive));

        assertThat(problems).extracting(Problem::toString).containsExactly(
                "sut.yml:10:61: chaos[0].duration: \"duration\" 2h must be more than 0 and at most 1h",
                "sut.yml:10:72: chaos[0].count: \"count\" 1500 must be between 1 and 1000",
                "sut.yml:11:92: chaos[1].recover.timeout: \"recover.timeout\" 50ms must be between 100ms and 1h",
                "sut.yml:12:46: chaos[2].command: \"command\" has 65 arguments; a command has 1 to 64",
                "sut.yml:12:267: chaos[2].duration: \"duration\" 0s must be more than 0 and at most 1h");
    }

    @Test
    void shouldReadWhichProcessesAKillChoosesAndHitTheFirstMatchesByDefault() throws Exception {
        SystemUnderTest system = load("""
                processes:
                  - {name: rq-worker, cmdline: "rq worker"}
                  - {name: celery, cmdline: "celery .*worker"}
                chaos:
                  - {name: kill-horse, at: 5s, action: kill, target: rq-worker, signal: KILL, max: 4, among: children}
                  - {name: kill-task, at: 5s, action: kill, target: celery, signal: KILL, max: 4, among: children, pick: busy}
                  - {name: kill-any, at: 5s, action: kill, target: celery}
                """).system();

        assertThat(system.chaos()).extracting(ChaosSpec::choice).containsExactly(
                new TargetChoice(TargetChoice.Among.CHILDREN, TargetChoice.Pick.FIRST),
                new TargetChoice(TargetChoice.Among.CHILDREN, TargetChoice.Pick.BUSY), TargetChoice.DEFAULT);
    }

    @Test
    void shouldRefuseAnUnknownChoiceAndAChoiceForACommandWithTheirKeys() {
        List<Problem> problems = problems("""
                processes:
                  - {name: worker, cmdline: "rq worker"}
                chaos:
                  - {name: a, at: 1s, action: kill, target: worker, among: grandchildren, pick: lazy}
                  - {name: b, at: 1s, action: start, command: [/bin/true], among: children}
                """);

        assertThat(problems).extracting(p -> p.path() + ": " + p.message()).satisfiesExactly(
                p -> assertThat(p).startsWith("chaos[0].among: \"grandchildren\" is not one of matches, children, leaves"),
                p -> assertThat(p).startsWith("chaos[0].pick: \"lazy\" is not one of first, oldest, youngest, random, busy"),
                p -> assertThat(p).startsWith("chaos[1].among: \"among\" does not apply to start"));
    }

    @Test
    void shouldRefuseAbsurdValuesBeforeRunning() {
        List<String> messages = messages("""
                services:
                  - {name: w, command: [sleep, "1"], replicas: 1000, ready: {tcp: "127.0.0.1:70000", timeout: 10d}}
                processes:
                  - {name: api, port: 0}
                sampling: {interval: 1ms}
                chaos:
                  - {name: late, at: 3650d, action: kill, target: w, count: 0}
                """);

        assertThat(messages).containsExactlyInAnyOrder(
                "replicas 1000 must be between 1 and 64",
                "port 70000 must be between 1 and 65535",
                "timeout 10d must be more than 0 and at most 1h",
                "port 0 must be between 1 and 65535",
                "interval 1ms must be between 10ms and 1m",
                "at 3650d is later than the limit 7d",
                "\"count\" 0 must be between 1 and 1000");
    }

    @Test
    void shouldRefuseAReadinessCheckWithTwoWaysOrAnUnknownPlaceholder() {
        List<Problem> problems = problems("""
                services:
                  - {name: a, command: [sleep, "1"], ready: {tcp: "127.0.0.1:8000", http: "http://127.0.0.1:8000/"}}
                  - {name: b, command: [sleep, "{{id}}"], ready: {log: "listening on ("}}
                """);

        assertThat(problems).extracting(p -> p.path() + ": " + p.message()).satisfiesExactly(
                p -> assertThat(p).startsWith("services[0].ready: give only one of tcp, http"),
                p -> assertThat(p).startsWith("services[1].command[1]: placeholder {{id}} is unknown here; only {{replica}}"),
                p -> assertThat(p).startsWith("services[1].ready.log: \"listening on (\" is not a regular expression"));
    }

    @Test
    void shouldRefuseBadEnvironmentNamesAndTheReservedRunCookie() {
        List<Problem> problems = problems("""
                services:
                  - name: w
                    command: [sleep, "1"]
                    env: {"BAD NAME": x, STRESSGATE_RUN: forged}
                """);

        assertThat(problems).extracting(p -> p.path() + ": " + p.message()).containsExactly(
                "services[0].env.BAD NAME: environment variable name \"BAD NAME\" must be a letter or _ followed by letters,"
                        + " digits or _ (at most 128)",
                "services[0].env.STRESSGATE_RUN: STRESSGATE_RUN is set by the run (it marks every process the run starts)");
    }

    @Test
    void shouldRefuseProcessSelectorsThatSayTooLittleOrTooMuch() {
        List<Problem> problems = problems("""
                services:
                  - {name: worker, command: [sleep, "1"]}
                processes:
                  - {name: none}
                  - {name: both, port: 80, exe: nginx}
                  - {name: path, exe: /usr/sbin/nginx}
                  - {name: svc, service: wroker}
                  - {name: worker, port: 81}
                """);

        assertThat(problems).extracting(p -> p.path() + ": " + p.message()).satisfiesExactly(
                p -> assertThat(p).startsWith("processes[0]: say how to find the processes"),
                p -> assertThat(p).startsWith("processes[1]: give only one of port, exe"),
                p -> assertThat(p).startsWith("processes[2].exe: exe \"/usr/sbin/nginx\" is the program's name without a directory"),
                p -> assertThat(p).startsWith("processes[3].service: no service is named \"wroker\"; did you mean \"worker\"?"),
                p -> assertThat(p).startsWith("processes[4]: the name \"worker\" is used twice"));
    }

    @Test
    void shouldNeedARedisForQueuesAndJobAccounting() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> loader.parse("q.yml", """
                name: q
                target: http://127.0.0.1:1
                load:
                  - {name: main, executor: constant-vus, vus: 1, duration: 1s, request: {path: /}}
                queues:
                  - {name: default, group: g}
                jobs: {}
                """, Path.of(".")));

        assertThat(e.problems()).extracting(p -> p.path() + ": " + p.message()).containsExactly(
                "queues[0]: the queue needs a Redis: set \"redis\" at the top of the scenario or in the queue",
                "queues[0].group: a consumer group applies to type: stream only",
                "jobs: \"completions\" is required: the Redis list workers append each finished job id to",
                "jobs: job accounting needs a Redis: set \"redis\" at the top of the scenario or under jobs");
    }

    @Test
    void shouldReadTheLessCommonKeys() throws Exception {
        SystemUnderTest system = load("""
                services:
                  - name: cache
                    command: [redis-server, --port, "638{{replica}}"]
                    replicas: 2
                    ready: {http: "http://127.0.0.1:808{{replica}}/health", interval: 250ms}
                    stop: {signal: QUIT, grace: 0s, command: [redis-cli, -p, "638{{replica}}", shutdown]}
                processes:
                  - {name: caches, service: cache}
                queues:
                  - {name: jobs, type: celery, redis: "rediss://queue.internal:6380/2"}
                chaos:
                  - {name: freeze-cache, at: 1s, action: kill, target: caches, scope: group, restart: true,
                     recover: {http: "http://127.0.0.1:8081/health", timeout: 20s}}
                """).system();

        ServiceSpec cache = system.services().get(0);
        assertThat(cache.ready()).isEqualTo(new ServiceSpec.ReadinessCheck(ServiceSpec.ReadinessCheck.Kind.HTTP,
                "http://127.0.0.1:808{{replica}}/health", Duration.ofSeconds(60), Duration.ofMillis(250)));
        assertThat(cache.stop()).isEqualTo(new ServiceSpec.StopSpec("QUIT", Duration.ZERO,
                List.of("redis-cli", "-p", "638{{replica}}", "shutdown")));
        assertThat(system.process("caches").orElseThrow()).satisfies(p -> {
            assertThat(p.service()).isEqualTo("cache");
            assertThat(p.tree()).as("a service's group includes its descendants unless told otherwise").isTrue();
        });
        assertThat(system.queue("jobs").orElseThrow()).satisfies(q -> {
            assertThat(q.redisUrl()).isEqualTo("rediss://queue.internal:6380/2");
            assertThat(q.key()).isEqualTo("jobs");
        });
        assertThat(system.chaos().get(0)).satisfies(c -> {
            assertThat(c.scope()).isEqualTo(ChaosSpec.Scope.GROUP);
            assertThat(c.restartService()).isTrue();
            assertThat(c.recover()).isEqualTo(new ChaosSpec.Recovery(ChaosSpec.Recovery.Kind.HTTP, "http://127.0.0.1:8081/health",
                    List.of(), Duration.ofSeconds(20), Duration.ofMillis(200)));
        });
    }

    @Test
    void shouldRefuseTheLessCommonMistakes() {
        List<Problem> problems = problems("""
                services:
                  - {name: a, command: [], env: [X]}
                  - {name: b, command: [sleep, "1"], stop: {signal: STOP}, ready: {}}
                queues:
                  - {name: q, type: kafka}
                chaos:
                  - {name: u, at: 1s, action: start, command: [x], target: b, recover: {http: "ftp://127.0.0.1/"}}
                  - {name: h, when: "http{name=nope}.p95 > 1s", action: kill, target: b}
                orphans: {enabled: false, pattern: x}
                """);

        assertThat(problems).extracting(p -> p.path() + ": " + p.message()).satisfiesExactly(
                p -> assertThat(p).isEqualTo("services[0].command: a command is a non-empty list of arguments, e.g. [redis-cli, shutdown]"),
                p -> assertThat(p).isEqualTo("services[0].env: expected a mapping (key: value), found a list"),
                p -> assertThat(p).startsWith("services[1].stop.signal: signal \"STOP\" is not one of HUP, INT, KILL, QUIT, TERM"),
                p -> assertThat(p).startsWith("services[1].ready: say how to tell it is up: tcp: HOST:PORT, http: URL or log: REGEX"),
                p -> assertThat(p).startsWith("queues[0].type: \"kafka\" is not one of list, rq, celery, stream"),
                p -> assertThat(p).startsWith("chaos[0].target: \"target\" does not apply to start"),
                p -> assertThat(p).startsWith("chaos[0].recover.http: \"ftp://127.0.0.1/\" is not an http:// or https:// URL"),
                p -> assertThat(p).startsWith("chaos[1].when: condition \"http{name=nope}.p95 > 1s\": no request is named \"nope\""),
                p -> assertThat(p).startsWith("orphans: the orphan check is disabled (enabled: false), so pattern and reap would never apply"));
    }

    @Test
    void shouldAcceptSystemGatesWhenDeclared() throws Exception {
        Scenario scenario = loader.parse("g.yml", """
                name: g
                target: http://127.0.0.1:1
                load:
                  - {name: main, executor: constant-vus, vus: 1, duration: 1s, request: {path: /}}
                redis: redis://127.0.0.1:6379
                services:
                  - {name: worker, command: [sleep, "60"]}
                queues:
                  - {name: default}
                chaos:
                  - {name: k, at: 1s, action: kill, target: worker}
                """ + SYSTEM_GATES, Path.of("."));

        assertThat(scenario.gates()).extracting(GateSpec::text).containsExactly("queue{name=default}.max_depth < 500",
                "process{name=worker}.rss_max < 512MiB", "system.cpu_max < 95%", "orphans == 0", "leaks.fds < 10",
                "chaos.recovery_max < 30s");
    }

    @Test
    void shouldAcceptAnUnackedGateOnACeleryQueueAndRefuseItOnAnyOtherType() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> loader.parse("g.yml", """
                name: g
                target: http://127.0.0.1:1
                load:
                  - {name: main, executor: constant-vus, vus: 1, duration: 1s, request: {path: /}}
                redis: redis://127.0.0.1:6379
                queues:
                  - {name: celery, type: celery}
                  - {name: default, type: rq}
                gates: ["queue{name=celery}.unacked == 0", "queue{name=default}.unacked == 0"]
                """, Path.of(".")));

        assertThat(e.problems()).extracting(Problem::message).containsExactly(
                "gate \"queue{name=default}.unacked == 0\": unacked is measured for celery queues only; queue default is of type rq");
    }

    @Test
    void shouldRefuseSystemGatesOnWhatTheScenarioDoesNotDeclare() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> loader.parse("g.yml", """
                name: g
                target: http://127.0.0.1:1
                load:
                  - {name: main, executor: constant-vus, vus: 1, duration: 1s, request: {path: /}}
                sampling: {system: false}
                """ + SYSTEM_GATES, Path.of(".")));

        assertThat(e.problems()).extracting(Problem::message).containsExactly(
                "gate \"queue{name=default}.max_depth < 500\": this scenario declares no queues (add them under \"queues\" to measure them)",
                "gate \"process{name=worker}.rss_max < 512MiB\": this scenario watches no processes (declare services or processes to measure them)",
                "gate \"system.cpu_max < 95%\": the machine is not sampled (sampling: {system: false})",
                "gate \"orphans == 0\": nothing here can leave orphans: declare services or processes, or orphans.pattern",
                "gate \"leaks.fds < 10\": this scenario watches no processes, so nothing is checked for leaks (declare services or processes)",
                "gate \"chaos.recovery_max < 30s\": this scenario declares no chaos actions");
    }

    @Test
    void shouldRefuseAGateOnAnUndeclaredQueueOrProcessWithASuggestion() {
        List<String> messages = messages("""
                services:
                  - {name: worker, command: [sleep, "60"]}
                queues:
                  - {name: default}
                orphans: {enabled: false}
                gates:
                  - queue{name=defualt}.max_depth < 5
                  - process{name=wroker}.cpu_max < 90%
                  - orphans == 0
                """);

        assertThat(messages).containsExactly(
                "gate \"queue{name=defualt}.max_depth < 5\": no queue is named \"defualt\" (known: default); did you mean \"default\"?",
                "gate \"process{name=wroker}.cpu_max < 90%\": no service or process group is named \"wroker\" (known: worker);"
                        + " did you mean \"worker\"?",
                "gate \"orphans == 0\": the orphan check is disabled (orphans: {enabled: false})");
    }
}
