package io.stressgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import io.stressgate.server.testing.SampleRuns;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every store must do, run against SQLite and against a real PostgreSQL. */
abstract class StoreContract {
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    Database db;
    RunStore runs;

    abstract StoreConfig config() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        db = Database.open(config());
        new Migrator(db, Migration.all(), backups(), Clock.fixed(NOW, ZoneOffset.UTC)).migrate();
        runs = new RunStore(db);
    }

    @AfterEach
    void closeStore() {
        db.close();
    }

    java.nio.file.Path backups() {
        return java.nio.file.Path.of("target", "unused-backups");
    }

    static NewRun newRun(String job, long build, RunResults results) {
        return newRun(job, build, results, "key-" + job + "-" + build + "-" + results.scenario().name());
    }

    static NewRun newRun(String job, long build, RunResults results, String key) {
        String json = new String(SampleRuns.json(results), StandardCharsets.UTF_8);
        return new NewRun(job, build, "main", "abc123", "https://ci.example/job/" + build, key,
                Migration.sha256(json), results, json, NOW.minusSeconds(3600), NOW, "ci",
                Map.of("p95", results.all().latencyMs().p95(), "rps", results.all().rps()));
    }

    @Test
    void shouldStoreARunAndReadItBackWhole() {
        RunResults results = SampleRuns.passed("checkout", 40, 1);

        Receipt receipt = runs.store(newRun("shop", 7, results));
        RunRecord stored = runs.find(receipt.id()).orElseThrow();

        assertThat(receipt.outcome()).isEqualTo(Receipt.Outcome.CREATED);
        assertThat(stored.results()).isEqualTo(results);
        assertThat(stored.summary().job()).isEqualTo("shop");
        assertThat(stored.summary().build()).isEqualTo(7);
        assertThat(stored.summary().scenario()).isEqualTo("checkout");
        assertThat(stored.summary().ciUrl()).isEqualTo("https://ci.example/job/7");
        assertThat(stored.summary().receivedAt()).isEqualTo(NOW);
        assertThat(stored.summary().clientSentAt()).isEqualTo(NOW.minusSeconds(3600));
        assertThat(stored.summary().clockSkewMs()).isEqualTo(3_600_000L);
        assertThat(stored.summary().clockSkewed()).isTrue();
        assertThat(stored.summary().metrics()).containsEntry("p95", results.all().latencyMs().p95());
    }

    @Test
    void shouldAnswerTheStoredIdWhenTheSameRunIsSentAgain() {
        RunResults results = SampleRuns.passed("checkout", 40, 2);
        Receipt first = runs.store(newRun("shop", 8, results));

        Receipt again = runs.store(newRun("shop", 8, results, "another-key"));
        Receipt sameKey = runs.store(newRun("shop", 8, results));

        assertThat(again).isEqualTo(Receipt.existing(first.id()));
        assertThat(sameKey).isEqualTo(Receipt.existing(first.id()));
        assertThat(runs.runs("shop", 10, Long.MAX_VALUE)).hasSize(1);
    }

    @Test
    void shouldRefuseADifferentRunUnderTheSameJobBuildAndScenario() {
        Receipt first = runs.store(newRun("shop", 9, SampleRuns.passed("checkout", 40, 3)));

        Receipt other = runs.store(newRun("shop", 9, SampleRuns.passed("checkout", 45, 4), "fresh-key"));

        assertThat(other.outcome()).isEqualTo(Receipt.Outcome.CONFLICT);
        assertThat(other.id()).isEqualTo(first.id());
        assertThat(other.conflict()).contains("build 9 of job shop", "scenario checkout");
        assertThat(runs.find(first.id()).orElseThrow().results()).isEqualTo(SampleRuns.passed("checkout", 40, 3));
    }

    @Test
    void shouldRefuseAnIdempotencyKeyReusedForAnotherRun() {
        runs.store(newRun("shop", 10, SampleRuns.passed("checkout", 40, 5), "key-1"));

        Receipt reused = runs.store(newRun("shop", 11, SampleRuns.passed("checkout", 40, 6), "key-1"));

        assertThat(reused.outcome()).isEqualTo(Receipt.Outcome.CONFLICT);
        assertThat(reused.conflict()).contains("idempotency key was used for build 10");
        assertThat(runs.runs("shop", 10, Long.MAX_VALUE)).hasSize(1);
    }

    @Test
    void shouldStoreParallelUploadsOfTheSameRunExactlyOnce() throws Exception {
        RunResults results = SampleRuns.passed("checkout", 40, 7);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Receipt>> receipts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                receipts.add(pool.submit(() -> runs.store(newRun("race", 1, results))));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Receipt> f : receipts) {
                Receipt r = f.get(30, TimeUnit.SECONDS);
                assertThat(r.outcome()).isIn(Receipt.Outcome.CREATED, Receipt.Outcome.EXISTING);
                ids.add(r.id());
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(runs.runs("race", 10, Long.MAX_VALUE)).hasSize(1);
    }

    @Test
    void shouldListJobsWithTheNewestBuildsWorstVerdictAndASparkline() {
        runs.store(newRun("shop", 1, SampleRuns.passed("checkout", 40, 11)));
        runs.store(newRun("shop", 2, SampleRuns.passed("checkout", 50, 12)));
        runs.store(newRun("shop", 2, SampleRuns.run("search", 30, 30, 50, 13, RunStatus.COMPLETED, false)));
        runs.store(newRun("api", 5, SampleRuns.passed("smoke", 10, 14)));

        List<JobSummary> jobs = runs.jobs(20);

        assertThat(jobs).extracting(JobSummary::name).containsExactly("api", "shop");
        JobSummary shop = jobs.get(1);
        assertThat(shop.runs()).isEqualTo(3);
        assertThat(shop.lastBuild()).isEqualTo(2);
        assertThat(shop.lastVerdict()).isEqualTo(Verdict.FAILED);
        assertThat(shop.sparkline()).hasSize(3);
    }

    @Test
    void shouldGiveTheTrendOfAScenarioOldestFirstAndItsScenariosNewestFirst() {
        for (int build = 1; build <= 5; build++) {
            runs.store(newRun("shop", build, SampleRuns.passed("checkout", 40 + build, 20 + build)));
        }
        runs.store(newRun("shop", 6, SampleRuns.passed("search", 10, 30)));

        List<RunSummary> trend = runs.trend("shop", "checkout", 3);

        assertThat(trend).extracting(RunSummary::build).containsExactly(3L, 4L, 5L);
        assertThat(runs.scenarios("shop")).containsExactly("search", "checkout");
    }

    @Test
    void shouldFindThePassedCompletedRunsBeforeABuildForTheBaseline() {
        runs.store(newRun("shop", 1, SampleRuns.passed("checkout", 40, 41)));
        runs.store(newRun("shop", 2, SampleRuns.run("checkout", 40, 30, 50, 42, RunStatus.INTERRUPTED, true)));
        runs.store(newRun("shop", 3, SampleRuns.passed("checkout", 40, 43)));
        runs.store(newRun("shop", 4, SampleRuns.run("checkout", 40, 30, 50, 44, RunStatus.COMPLETED, false)));
        runs.store(newRun("shop", 6, SampleRuns.passed("checkout", 40, 46)));

        RunStore.History history = runs.passedBefore("shop", "checkout", 5, 5);

        assertThat(history.passed()).extracting(r -> r.build()).containsExactly(3L, 1L);
        assertThat(history.earlierRuns()).isEqualTo(4);
        assertThat(runs.build("shop", 4)).singleElement().satisfies(r -> assertThat(r.summary().verdict()).isEqualTo(Verdict.FAILED));
    }

    @Test
    void shouldVerifyTokensByHashAndRefuseWrongExpiredAndRevokedOnes() {
        Instant[] now = {NOW};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        TokenStore tokens = new TokenStore(db, clock);
        IssuedToken writer = tokens.create("ci-writer", Scope.WRITE, Duration.ofDays(1));
        IssuedToken reader = tokens.create("reader", Scope.READ, null);
        String wrong = writer.secret().substring(0, writer.secret().length() - 1) + (writer.secret().endsWith("A") ? "B" : "A");

        assertThat(tokens.verify(writer.secret())).hasValueSatisfying(t -> assertThat(t.scope()).isEqualTo(Scope.WRITE));
        assertThat(tokens.verify(wrong)).isEmpty();
        assertThat(tokens.verify("sgt_nonsense")).isEmpty();
        assertThat(writer.toString()).doesNotContain(writer.secret());
        now[0] = NOW.plus(Duration.ofDays(2));
        assertThat(tokens.verify(writer.secret())).isEmpty();
        assertThat(tokens.verify(reader.secret())).isPresent();
        assertThat(tokens.revoke("reader")).isTrue();
        assertThat(tokens.verify(reader.secret())).isEmpty();
    }

    @Test
    void shouldNotCallTheStoreDegradedForAWriteRefusedOnItsMerits() {
        TokenStore tokens = new TokenStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
        tokens.create("twice", Scope.WRITE, null);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tokens.create("twice", Scope.WRITE, null))
                .isInstanceOf(StoreException.class).isNotInstanceOf(StoreFullException.class);
        assertThat(db.writeProblem()).as("a duplicate name says nothing about the disk").isEmpty();
    }

    @Test
    void shouldKeepTheJobsATokenIsLimitedTo() {
        TokenStore tokens = new TokenStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
        IssuedToken team = tokens.create("checkout-team", Scope.WRITE, null, JobScope.parse("checkout-*, team/payments"));
        IssuedToken all = tokens.create("release", Scope.WRITE, null);

        Token scoped = tokens.verify(team.secret()).orElseThrow();
        assertThat(scoped.jobs().text()).isEqualTo("checkout-*,team/payments");
        assertThat(scoped.jobs().allows("checkout-api")).isTrue();
        assertThat(scoped.jobs().allows("team/payments")).isTrue();
        assertThat(scoped.jobs().allows("billing")).isFalse();
        assertThat(tokens.verify(all.secret()).orElseThrow().jobs()).isEqualTo(JobScope.ALL);
    }

    @Test
    void shouldRunMigrationsOnceAndRefuseAStoreFromANewerVersion() {
        Migrator again = new Migrator(db, Migration.all(), backups(), Clock.fixed(NOW, ZoneOffset.UTC));
        int current = Migration.all().size();
        assertThat(again.migrate()).isEqualTo(new Migrator.Outcome(current, current, null));

        Migrator older = new Migrator(db, List.of(), backups(), Clock.fixed(NOW, ZoneOffset.UTC));
        org.assertj.core.api.Assertions.assertThatThrownBy(older::migrate).isInstanceOf(MigrationException.class)
                .hasMessageContaining("written by a newer version");
    }

    @Test
    void shouldRefuseToServeAfterAMigrationThatFailedHalfWay() {
        List<Migration> broken = new ArrayList<>(Migration.all());
        int next = Migration.all().size() + 1;
        broken.add(Migration.of(next, "add a column then fail", "ALTER TABLE runs ADD COLUMN note TEXT;\nSELECT * FROM no_such_table;\n"));
        Migrator migrator = new Migrator(db, broken, backups(), Clock.fixed(NOW, ZoneOffset.UTC));

        org.assertj.core.api.Assertions.assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationException.class)
                .hasMessageContaining("V" + next + " (add a column then fail) failed and was rolled back");
        org.assertj.core.api.Assertions.assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationException.class)
                .hasMessageContaining("never finished");
        runs.store(newRun("still-readable", 1, SampleRuns.passed("checkout", 40, 50)));
        assertThat(runs.runs("still-readable", 1, Long.MAX_VALUE)).hasSize(1);
    }
}
