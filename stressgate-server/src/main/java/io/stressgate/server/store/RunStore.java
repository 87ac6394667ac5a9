package io.stressgate.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stressgate.engine.regression.BaselineRun;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Stores runs and reads them back. A run is written by one INSERT in one transaction, so it is either wholly
 * visible or not at all, and its receipt exists only after the commit. Uploads are idempotent on (job, build,
 * scenario): the same content again gets the stored id, different content is a conflict; a client's idempotency key
 * may name only one run.
 */
public final class RunStore {
    private static final String SUMMARY_COLUMNS = "id, job, build, scenario, branch, commit_sha, ci_url, status, verdict, "
            + "started_at, duration_ms, client_sent_at, received_at, clock_skew_ms, metrics";
    /** What pages, the gate and comparisons read: the view kept at ingest, or the results of a run stored before views. */
    private static final String VIEW = "COALESCE(view_json, results) AS shown";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {
    };

    private final Database db;
    private final Supplier<String> ids;

    public RunStore(Database db) {
        this(db, () -> UUID.randomUUID().toString());
    }

    RunStore(Database db, Supplier<String> ids) {
        this.db = db;
        this.ids = ids;
    }

    public Receipt store(NewRun run) {
        String id = ids.get();
        return db.write("storing run " + run.job() + " #" + run.build(), c -> {
            if (insert(c, id, run) == 1) {
                insertPages(c, id, run);
                return Receipt.created(id);
            }
            return existingOrConflict(c, run);
        });
    }

    private static int insert(Connection c, String id, NewRun r) throws SQLException {
        Long sent = r.clientSentAt() == null ? null : r.clientSentAt().toEpochMilli();
        Long skew = sent == null ? null : r.receivedAt().toEpochMilli() - sent;
        try (PreparedStatement s = Jdbc.prepare(c, "INSERT INTO runs (id, job, build, scenario, branch, commit_sha, ci_url, "
                        + "idempotency_key, content_sha256, status, verdict, started_at, duration_ms, client_sent_at, received_at, "
                        + "clock_skew_ms, uploaded_by, metrics, results, view_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                id, r.job(), r.build(), r.scenario(), r.branch(), r.commit(), r.ciUrl(), r.idempotencyKey(), r.contentSha256(),
                r.results().status().name(), r.results().verdict().name(), r.results().startedAt().toEpochMilli(),
                r.results().durationMs(), sent, r.receivedAt().toEpochMilli(), skew, r.uploadedBy(), json(r.metrics()),
                r.resultsJson(), RunViews.viewJson(r.results()))) {
            return s.executeUpdate();
        }
    }

    /** The run's endpoint list in pages, in the same transaction as the run, so a run is never seen without them. */
    private static void insertPages(Connection c, String id, NewRun r) throws SQLException {
        List<String> pages = RunViews.pages(r.results());
        int total = RunViews.endpointCount(r.results());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO run_endpoint_pages (run_id, page, total, endpoints) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < pages.size(); i++) {
                s.setString(1, id);
                s.setInt(2, i + 1);
                s.setInt(3, total);
                s.setString(4, pages.get(i));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * One page of a run's endpoints; empty when the run is unknown or was stored before pages were kept. A page past
     * the last is an empty page with the total, so a pager can say where the list ends.
     */
    public Optional<EndpointPage> endpoints(String id, int page) {
        return Jdbc.read(db.reader(), "reading endpoints of run " + id, c -> {
            try (PreparedStatement s = Jdbc.prepare(c, "SELECT total, endpoints FROM run_endpoint_pages WHERE run_id = ? AND page = ?",
                    id, page);
                 ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(EndpointPage.of(page, RunViews.PAGE_SIZE, rs.getInt(1), rs.getString(2)));
                }
            }
            try (PreparedStatement s = Jdbc.prepare(c, "SELECT total FROM run_endpoint_pages WHERE run_id = ? AND page = 1", id);
                 ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(EndpointPage.of(page, RunViews.PAGE_SIZE, rs.getInt(1), "[]"))
                        : Optional.<EndpointPage>empty();
            }
        });
    }

    /** The results document exactly as it was accepted, for a reader who wants all of it. */
    public Optional<String> fullResults(String id) {
        return Jdbc.read(db.reader(), "reading results of run " + id, c -> {
            try (PreparedStatement s = Jdbc.prepare(c, "SELECT results FROM runs WHERE id = ?", id);
                 ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
        });
    }

    private static Receipt existingOrConflict(Connection c, NewRun run) throws SQLException {
        try (PreparedStatement s = Jdbc.prepare(c, "SELECT id, content_sha256 FROM runs WHERE job = ? AND build = ? AND scenario = ?",
                run.job(), run.build(), run.scenario()); ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                String id = rs.getString(1);
                return run.contentSha256().equals(rs.getString(2)) ? Receipt.existing(id) : Receipt.conflict(id, "build "
                        + run.build() + " of job " + run.job() + " has a different run of scenario " + run.scenario()
                        + " stored already; a build's run cannot be replaced");
            }
        }
        if (run.idempotencyKey() == null) {
            throw new SQLException("the run was neither inserted nor found: a constraint other than its identity refused it");
        }
        try (PreparedStatement s = Jdbc.prepare(c, "SELECT id, job, build FROM runs WHERE idempotency_key = ?", run.idempotencyKey());
             ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                return Receipt.conflict(rs.getString(1), "the idempotency key was used for build " + rs.getLong(3) + " of job "
                        + rs.getString(2) + " already");
            }
        }
        throw new SQLException("the run was neither inserted nor found: a constraint other than the run's identity refused it");
    }

    public Optional<RunRecord> find(String id) {
        return Jdbc.read(db.reader(), "reading run " + id, c -> {
            try (PreparedStatement s = Jdbc.prepare(c, "SELECT " + SUMMARY_COLUMNS + ", " + VIEW + " FROM runs WHERE id = ?", id);
                 ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new RunRecord(summary(rs), rs.getString("shown"))) : Optional.empty();
            }
        });
    }

    /** Every job with its newest build's verdict and the p95 of its last {@code sparkline} runs. */
    public List<JobSummary> jobs(int sparkline) {
        return Jdbc.read(db.reader(), "listing jobs", c -> {
            List<JobSummary> jobs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT job, COUNT(*), MAX(build) FROM runs GROUP BY job ORDER BY job");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    jobs.add(job(c, rs.getString(1), rs.getLong(2), rs.getLong(3), sparkline));
                }
            }
            return jobs;
        });
    }

    private static JobSummary job(Connection c, String name, long runs, long lastBuild, int sparkline) throws SQLException {
        List<RunSummary> recent = summaries(c, "WHERE job = ? ORDER BY build DESC, scenario LIMIT ?", name, sparkline);
        Verdict last = Verdict.PASSED;
        Instant received = null;
        for (RunSummary r : recent) {
            if (r.build() == lastBuild) {
                last = last.worst(r.verdict());
                received = received == null || r.receivedAt().isAfter(received) ? r.receivedAt() : received;
            }
        }
        List<Double> p95 = new ArrayList<>(recent.stream().map(r -> r.metrics().get("p95")).toList());
        Collections.reverse(p95);
        return new JobSummary(name, runs, lastBuild, last, received, p95);
    }

    /** How a job's runs are listed, newest first. */
    public enum Order {
        /** By build number. */
        BUILD("build DESC, scenario"),
        /** By the time the service received them. */
        RECEIVED("received_at DESC, id");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    /** A job's runs, newest build first, at most {@code limit}, optionally only builds below {@code beforeBuild}. */
    public List<RunSummary> runs(String job, int limit, long beforeBuild) {
        return runs(job, limit, beforeBuild, Order.BUILD);
    }

    /** A job's runs in the given order (a fixed SQL fragment per constant, never text from a request). */
    public List<RunSummary> runs(String job, int limit, long beforeBuild, Order order) {
        return Jdbc.read(db.reader(), "listing runs of job " + job,
                c -> summaries(c, "WHERE job = ? AND build < ? ORDER BY " + order.sql + " LIMIT ?", job, beforeBuild, limit));
    }

    /** The last {@code limit} runs of a job's scenario, oldest first, for its trend. */
    public List<RunSummary> trend(String job, String scenario, int limit) {
        List<RunSummary> runs = new ArrayList<>(Jdbc.read(db.reader(), "reading the trend of job " + job,
                c -> summaries(c, "WHERE job = ? AND scenario = ? ORDER BY build DESC LIMIT ?", job, scenario, limit)));
        Collections.reverse(runs);
        return runs;
    }

    /** The scenarios a job has run, the most recently run first. */
    public List<String> scenarios(String job) {
        return Jdbc.read(db.reader(), "listing scenarios of job " + job, c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement s = Jdbc.prepare(c, "SELECT scenario, MAX(build) AS b FROM runs WHERE job = ? GROUP BY scenario "
                    + "ORDER BY b DESC, scenario", job); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    /** Every run of one build of a job (one per scenario), with results. */
    public List<RunRecord> build(String job, long build) {
        return Jdbc.read(db.reader(), "reading build " + build + " of job " + job, c -> {
            List<RunRecord> runs = new ArrayList<>();
            try (PreparedStatement s = Jdbc.prepare(c, "SELECT " + SUMMARY_COLUMNS + ", " + VIEW + " FROM runs WHERE job = ? AND build = ? "
                    + "ORDER BY scenario", job, build); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    runs.add(new RunRecord(summary(rs), rs.getString("shown")));
                }
            }
            return runs;
        });
    }

    /** The baseline candidates of a run: the last {@code limit} PASSED, completed runs before it, and how many came before. */
    public History passedBefore(String job, String scenario, long build, int limit) {
        return Jdbc.read(db.reader(), "reading the baseline of job " + job, c -> {
            List<BaselineRun> runs = new ArrayList<>();
            try (PreparedStatement s = Jdbc.prepare(c, "SELECT " + SUMMARY_COLUMNS + ", " + VIEW + " FROM runs WHERE job = ? AND scenario = ? "
                    + "AND build < ? AND status = 'COMPLETED' AND verdict = 'PASSED' ORDER BY build DESC LIMIT ?", job, scenario, build, limit);
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    RunRecord run = new RunRecord(summary(rs), rs.getString("shown"));
                    runs.add(new BaselineRun(run.summary().id(), run.summary().build(), run.results()));
                }
            }
            try (PreparedStatement s = Jdbc.prepare(c, "SELECT COUNT(*) FROM runs WHERE job = ? AND scenario = ? AND build < ?",
                    job, scenario, build); ResultSet rs = s.executeQuery()) {
                rs.next();
                return new History(runs, rs.getLong(1));
            }
        });
    }

    /** PASSED runs before a build, newest first, and how many runs of any verdict came before it. */
    public record History(List<BaselineRun> passed, long earlierRuns) {
    }

    private static List<RunSummary> summaries(Connection c, String where, Object... params) throws SQLException {
        List<RunSummary> runs = new ArrayList<>();
        try (PreparedStatement s = Jdbc.prepare(c, "SELECT " + SUMMARY_COLUMNS + " FROM runs " + where, params);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                runs.add(summary(rs));
            }
        }
        return runs;
    }

    private static RunSummary summary(ResultSet rs) throws SQLException {
        Long sent = Jdbc.nullableLong(rs, "client_sent_at");
        return new RunSummary(rs.getString("id"), rs.getString("job"), rs.getLong("build"), rs.getString("scenario"),
                rs.getString("branch"), rs.getString("commit_sha"), rs.getString("ci_url"), RunStatus.valueOf(rs.getString("status")),
                Verdict.valueOf(rs.getString("verdict")), Instant.ofEpochMilli(rs.getLong("started_at")), rs.getLong("duration_ms"),
                sent == null ? null : Instant.ofEpochMilli(sent), Instant.ofEpochMilli(rs.getLong("received_at")),
                Jdbc.nullableLong(rs, "clock_skew_ms"), metrics(rs.getString("metrics")));
    }

    private static String json(Map<String, Double> metrics) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(metrics));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics cannot be written as JSON", e);
        }
    }

    private static Map<String, Double> metrics(String json) throws SQLException {
        try {
            return JSON.readValue(json, METRICS);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored metrics are not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
