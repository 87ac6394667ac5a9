package io.stressgate.engine.result;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Checks that parsed results make sense: counts and latencies that cannot be, verdicts that do not follow. */
final class ResultsValidator {
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    private static final int MAX_NAME = 128;
    static final int MAX_TEXT = 4096;
    private static final int MAX_HISTOGRAM_BASE64 = 1 << 20;

    void validate(RunResults r) throws ResultsException {
        text("/runId", r.runId(), MAX_NAME);
        if (r.scenario() == null || r.scenario().name() == null) {
            throw invalid("/scenario/name", "required field is missing");
        }
        text("/scenario/name", r.scenario().name(), MAX_NAME);
        text("/scenario/description", r.scenario().description(), MAX_TEXT);
        text("/statusReason", r.statusReason(), MAX_TEXT);
        if (r.startedAt().isBefore(EARLIEST) || r.startedAt().isAfter(LATEST)) {
            throw invalid("/startedAt", r.startedAt() + " is not a plausible start time");
        }
        nonNegative("/durationMs", r.durationMs());
        if (!r.load().containsKey(RunResults.ALL)) {
            throw invalid("/load/all", "the totals over all requests are missing");
        }
        for (Map.Entry<String, LoadSummary> e : r.load().entrySet()) {
            String at = "/load/" + ResultsReader.escape(e.getKey());
            name(at, e.getKey());
            load(at, e.getValue());
        }
        gates(r.gates());
        if (r.jobs() != null) {
            jobs(r.jobs());
        }
        if (r.timeSeries() != null) {
            series("/timeSeries/all", r.timeSeries().all());
            for (Map.Entry<String, List<IntervalPoint>> e : r.timeSeries().byName().entrySet()) {
                name("/timeSeries/byName/" + ResultsReader.escape(e.getKey()), e.getKey());
                series("/timeSeries/byName/" + ResultsReader.escape(e.getKey()), e.getValue());
            }
        }
        if (r.shard() != null) {
            shard(r.shard());
        }
        shards(r.shards());
        checks(r.checks());
        if (r.breakingPoint() != null) {
            BreakingPointCheck.validate(r.breakingPoint());
        }
        Verdict expected = Verdict.of(r.status(), r.gates(), r.shard());
        if (r.verdict() != expected) {
            throw invalid("/verdict", r.verdict() + " does not follow from status " + r.status() + " and the gates, which give "
                    + expected + (r.status() != RunStatus.COMPLETED ? " (a run that did not complete is never PASSED)" : ""));
        }
    }

    private void shard(ShardInfo s) throws ResultsException {
        if (s.count() < 1 || s.count() > io.stressgate.engine.scenario.ShardRole.MAX_SHARDS) {
            throw invalid("/shard/count", s.count() + " is not a shard count from 1 to " + io.stressgate.engine.scenario.ShardRole.MAX_SHARDS);
        }
        if (s.index() < 1 || s.index() > s.count()) {
            throw invalid("/shard/index", s.index() + " is not a shard from 1 to " + s.count());
        }
        if (s.primary() < 1 || s.primary() > s.count()) {
            throw invalid("/shard/primary", s.primary() + " is not a shard from 1 to " + s.count());
        }
        if (s.group() == null) {
            throw invalid("/shard/group", "required field is missing");
        }
        name("/shard/group", s.group());
    }

    private void checks(List<CheckSummary> checks) throws ResultsException {
        for (int i = 0; i < checks.size(); i++) {
            CheckSummary c = checks.get(i);
            String at = "/checks/" + i;
            if (c.request() == null || c.name() == null) {
                throw invalid(at, "a check needs a request and a name");
            }
            name(at + "/request", c.request());
            name(at + "/name", c.name());
            text(at + "/condition", c.condition(), MAX_TEXT);
            nonNegative(at + "/passes", c.passes());
            nonNegative(at + "/fails", c.fails());
            if (c.passes() + c.fails() < 0) {
                throw invalid(at, "passes and fails overflow when added");
            }
        }
    }

    private void shards(List<ShardSummary> shards) throws ResultsException {
        for (int i = 0; i < shards.size(); i++) {
            ShardSummary s = shards.get(i);
            String at = "/shards/" + i;
            if (s.index() < 1 || s.index() > io.stressgate.engine.scenario.ShardRole.MAX_SHARDS || s.status() == null) {
                throw invalid(at, "a shard needs an index from 1 to " + io.stressgate.engine.scenario.ShardRole.MAX_SHARDS + " and a status");
            }
            text(at + "/runId", s.runId(), MAX_NAME);
            text(at + "/statusReason", s.statusReason(), MAX_TEXT);
            nonNegative(at + "/durationMs", s.durationMs());
            nonNegative(at + "/requests", s.requests());
            nonNegative(at + "/errors", s.errors());
            finiteNonNegative(at + "/rps", s.rps());
            if (s.p99Ms() != null) {
                finiteNonNegative(at + "/p99Ms", s.p99Ms());
            }
        }
    }

    private void load(String at, LoadSummary s) throws ResultsException {
        nonNegative(at + "/requests", s.requests());
        nonNegative(at + "/errors", s.errors());
        nonNegative(at + "/dropped", s.dropped());
        nonNegative(at + "/timeouts", s.timeouts());
        nonNegative(at + "/samples", s.samples());
        nonNegative(at + "/bytesReceived", s.bytesReceived());
        nonNegative(at + "/bytesDecoded", s.bytesDecoded());
        nonNegative(at + "/redirects", s.redirects());
        if (s.errors() > s.requests()) {
            throw invalid(at + "/errors", s.errors() + " errors out of " + s.requests() + " requests");
        }
        finiteNonNegative(at + "/rps", s.rps());
        if (!(s.errorRate() >= 0 && s.errorRate() <= 1)) {
            throw invalid(at + "/errorRate", s.errorRate() + " is not a share between 0 and 1");
        }
        if (s.latencyMs() != null) {
            latency(at + "/latencyMs", s.latencyMs());
        } else if (s.samples() > 0) {
            throw invalid(at + "/latencyMs", "missing although " + s.samples() + " requests were timed");
        }
        for (Map.Entry<String, Long> e : s.status().entrySet()) {
            if (!e.getKey().matches("[1-5]\\d\\d")) {
                throw invalid(at + "/status/" + ResultsReader.escape(e.getKey()), "not an HTTP status");
            }
            nonNegative(at + "/status/" + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Long> e : s.errorKinds().entrySet()) {
            name(at + "/errorKinds", e.getKey());
            nonNegative(at + "/errorKinds/" + ResultsReader.escape(e.getKey()), e.getValue());
        }
        histogram(at + "/histogram", s.histogram());
    }

    private void latency(String at, LatencyMs l) throws ResultsException {
        double[] ordered = {l.min(), l.p50(), l.p90(), l.p95(), l.p99(), l.p999(), l.max()};
        String[] names = {"min", "p50", "p90", "p95", "p99", "p999", "max"};
        for (int i = 0; i < ordered.length; i++) {
            finiteNonNegative(at + "/" + names[i], ordered[i]);
            if (i > 0 && ordered[i] + 1e-9 < ordered[i - 1]) {
                throw invalid(at + "/" + names[i], names[i] + " " + ordered[i] + " is below " + names[i - 1] + " " + ordered[i - 1]);
            }
        }
        finiteNonNegative(at + "/mean", l.mean());
        finiteNonNegative(at + "/stddev", l.stddev());
    }

    private void jobs(JobsSummary j) throws ResultsException {
        long[] counts = {j.submitted(), j.completed(), j.failed(), j.pending(), j.lost(), j.duplicated(), j.timeouts()};
        String[] names = {"submitted", "completed", "failed", "pending", "lost", "duplicated", "timeouts"};
        for (int i = 0; i < counts.length; i++) {
            nonNegative("/jobs/" + names[i], counts[i]);
        }
        if (j.completed() + j.failed() + j.pending() + j.lost() > j.submitted()) {
            throw invalid("/jobs", "more jobs ended than were submitted");
        }
        if (j.latencyMs() != null) {
            latency("/jobs/latencyMs", j.latencyMs());
        }
        histogram("/jobs/histogram", j.histogram());
        for (int i = 0; i < j.lostIds().size(); i++) {
            text("/jobs/lostIds/" + i, j.lostIds().get(i), MAX_NAME);
        }
        for (int i = 0; i < j.failedIds().size(); i++) {
            text("/jobs/failedIds/" + i, j.failedIds().get(i), MAX_NAME);
        }
        if (j.completedAfterStop() != null) {
            nonNegative("/jobs/completedAfterStop", j.completedAfterStop());
        }
        if (j.unidentified() != null) {
            nonNegative("/jobs/unidentified", j.unidentified());
        }
        if (j.unidentifiedExample() != null) {
            text("/jobs/unidentifiedExample", j.unidentifiedExample(), MAX_TEXT);
        }
        if (j.completedByLog() != null) {
            nonNegative("/jobs/completedByLog", j.completedByLog());
        }
        if (j.ledger() != null) {
            ledger(j.ledger());
        }
    }

    private void ledger(ShardLedger l) throws ResultsException {
        nonNegative("/jobs/ledger/openOmitted", l.openOmitted());
        nonNegative("/jobs/ledger/duplicatedOmitted", l.duplicatedOmitted());
        for (int i = 0; i < l.open().size(); i++) {
            ShardLedger.OpenJob o = l.open().get(i);
            text("/jobs/ledger/open/" + i + "/id", o.id(), MAX_NAME);
            if (o.id() == null) {
                throw invalid("/jobs/ledger/open/" + i + "/id", "required field is missing");
            }
            text("/jobs/ledger/open/" + i + "/lostReason", o.lostReason(), MAX_TEXT);
        }
        for (int i = 0; i < l.duplicatedIds().size(); i++) {
            text("/jobs/ledger/duplicatedIds/" + i, l.duplicatedIds().get(i), MAX_NAME);
        }
        ShardLedger.CompletionsLog log = l.completions();
        if (log != null && log.fingerprints() != null) {
            long[] fps;
            try {
                fps = JobFingerprints.decode(log.fingerprints());
            } catch (IllegalArgumentException e) {
                throw invalid("/jobs/ledger/completions/fingerprints", e.getMessage());
            }
            if (fps.length != log.distinct()) {
                throw invalid("/jobs/ledger/completions/fingerprints", fps.length + " fingerprints for "
                        + log.distinct() + " distinct ids");
            }
        }
    }

    private void gates(List<GateResult> gates) throws ResultsException {
        for (int i = 0; i < gates.size(); i++) {
            GateResult g = gates.get(i);
            String at = "/gates/" + i;
            if (g.expression() == null || g.severity() == null) {
                throw invalid(at, "a gate needs expression and severity");
            }
            text(at + "/expression", g.expression(), 1000);
            text(at + "/message", g.message(), MAX_TEXT);
            text(at + "/metric", g.metric(), 1000);
            if (g.actual() != null && !Double.isFinite(g.actual())) {
                throw invalid(at + "/actual", "not a finite number");
            }
            if (!Double.isFinite(g.limit())) {
                throw invalid(at + "/limit", "not a finite number");
            }
        }
    }

    /** Pointers are built only for a point that fails: a long series has thousands, most of a document. */
    private void series(String at, List<IntervalPoint> points) throws ResultsException {
        double last = -1;
        for (int i = 0; i < points.size(); i++) {
            IntervalPoint p = points.get(i);
            if (!(p.t() >= last) || !sound(p)) {
                point(at + "/" + i, p, last);
            }
            last = p.t();
            int index = i;
            histogram(p.histogram(), () -> at + "/" + index + "/histogram");
        }
    }

    private static boolean sound(IntervalPoint p) {
        return p.requests() >= 0 && p.errors() >= 0 && p.dropped() >= 0 && finiteNonNegative(p.rps())
                && (p.p50() == null || finiteNonNegative(p.p50())) && (p.p95() == null || finiteNonNegative(p.p95()))
                && (p.p99() == null || finiteNonNegative(p.p99())) && (p.max() == null || finiteNonNegative(p.max()));
    }

    private static boolean finiteNonNegative(double value) {
        return Double.isFinite(value) && value >= 0;
    }

    /** The checks of one point, each naming its field. */
    private static void point(String pat, IntervalPoint p, double last) throws ResultsException {
        if (!(p.t() >= last)) {
            throw invalid(pat + "/t", "time goes backwards");
        }
        nonNegative(pat + "/requests", p.requests());
        nonNegative(pat + "/errors", p.errors());
        nonNegative(pat + "/dropped", p.dropped());
        finiteNonNegative(pat + "/rps", p.rps());
        for (Double v : new Double[] {p.p50(), p.p95(), p.p99(), p.max()}) {
            if (v != null) {
                finiteNonNegative(pat, v);
            }
        }
    }

    private static void histogram(String at, String base64) throws ResultsException {
        histogram(base64, () -> at);
    }

    /** An interval's histogram, decoded as it was read: the same cap on its size as on the others' base64. */
    private static void histogram(EncodedHistogram packed, Supplier<String> at) throws ResultsException {
        if (packed != null && packed.length() > MAX_HISTOGRAM_BASE64 / 4 * 3) {
            throw new ResultsException(ResultsException.Kind.TOO_LARGE, at.get(), "histogram larger than "
                    + MAX_HISTOGRAM_BASE64 + " characters of base64");
        }
    }

    private static void histogram(String base64, Supplier<String> at) throws ResultsException {
        if (base64 == null) {
            return;
        }
        if (base64.length() > MAX_HISTOGRAM_BASE64) {
            throw new ResultsException(ResultsException.Kind.TOO_LARGE, at.get(), "histogram larger than " + MAX_HISTOGRAM_BASE64);
        }
        try {
            Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw invalid(at.get(), "not base64");
        }
    }

    static void name(String at, String name) throws ResultsException {
        text(at, name, MAX_NAME);
        if (name.isEmpty()) {
            throw invalid(at, "empty name");
        }
    }

    static void text(String at, String text, int max) throws ResultsException {
        if (text == null) {
            return;
        }
        if (text.length() > max) {
            throw invalid(at, "text of " + text.length() + " characters is longer than " + max);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f) {
                throw invalid(at, "holds the control character U+" + String.format("%04X", (int) c));
            }
        }
    }

    static void nonNegative(String at, long value) throws ResultsException {
        if (value < 0) {
            throw invalid(at, value + " is negative");
        }
    }

    static void finiteNonNegative(String at, double value) throws ResultsException {
        if (!Double.isFinite(value) || value < 0) {
            throw invalid(at, value + " is not a finite number >= 0");
        }
    }

    static ResultsException invalid(String at, String message) {
        return new ResultsException(ResultsException.Kind.INVALID, at, message);
    }
}
