package io.stressgate.server.web;

import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.OrphanReport;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.scenario.Quantities;
import io.stressgate.server.gate.GateAnswer;
import io.stressgate.server.store.RunSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The parts of the run page built from a run's summary and results: facts, gates, checks, chaos, jobs and orphans. */
final class RunPageSections {
    private RunPageSections() {
    }

    static List<String[]> facts(RunSummary r, GateAnswer.RunGate judged) {
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"verdict", Html.badge(judged.verdict()) + " (own gates: " + Html.badge(judged.ownVerdict()) + ")"});
        facts.add(new String[] {"status", Html.cell(r.status()) + (judged.statusReason() == null ? "" : ": " + Html.text(judged.statusReason()))});
        facts.add(new String[] {"started (agent clock)", Html.cell(r.startedAt())});
        facts.add(new String[] {"duration", Html.cell(Quantities.format(Duration.ofMillis(r.durationMs())))});
        facts.add(new String[] {"sent (agent clock)", Html.cell(r.clientSentAt())});
        facts.add(new String[] {"received (service clock)", Html.cell(r.receivedAt()) + (r.clockSkewed()
                ? " <span class=\"flag\">client clock off by " + Html.text(Quantities.format(Duration.ofMillis(Math.abs(r.clockSkewMs()))))
                + "</span>" : "")});
        facts.add(new String[] {"branch", Html.cell(r.branch())});
        facts.add(new String[] {"commit", Html.cell(r.commit())});
        facts.add(new String[] {"CI build", r.ciUrl() == null ? Html.cell(null) : Html.anchor(r.ciUrl(), r.ciUrl())});
        return facts;
    }

    static List<List<String>> gates(List<GateResult> gates) {
        List<List<String>> rows = new ArrayList<>();
        for (GateResult g : gates) {
            rows.add(List.of(Html.cell(g.source()), Html.cell(g.expression()), Html.cell(g.severity().label()),
                    Html.cell(g.actual() == null ? "not measured" : g.actualText() != null ? g.actualText()
                            : Quantities.formatNumber(g.actual())), Html.cell(g.limitText() != null ? g.limitText()
                            : Quantities.formatNumber(g.limit())),
                    g.passed() ? "<span class=\"good\">holds</span>" : "<strong class=\"bad\">broken</strong>", Html.cell(g.message())));
        }
        return rows;
    }

    /** The response checks of the run, per request and check: what it tested, its counts and pass rate; none, no section. */
    static void checks(Html page, List<CheckSummary> checks) {
        if (checks.isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        long failed = 0;
        long neverRan = 0;
        for (CheckSummary c : checks) {
            rows.add(List.of(Html.cell(c.request()), Html.cell(c.name()), Html.cell(c.condition()),
                    Html.cell(c.failRequest() ? "fails the request" : "counted"), Html.cell(String.format(Locale.ROOT, "%,d", c.passes())),
                    c.fails() > 0 ? "<strong class=\"bad\">" + Html.text(String.format(Locale.ROOT, "%,d", c.fails())) + "</strong>"
                            : Html.cell("0"),
                    Html.cell(c.runs() == 0 ? "never ran" : Quantities.formatNumber(Math.round(c.passes() * 10_000.0 / c.runs()) / 100.0) + "%")));
            failed += c.fails() > 0 ? 1 : 0;
            neverRan += c.runs() == 0 ? 1 : 0;
        }
        String verdict = (failed == 0 ? "Every check passed on every response it was put to" : failed + " of " + checks.size()
                + " checks failed on at least one response") + (neverRan == 0 ? "." : "; " + neverRan + " of " + checks.size()
                + " never ran, so " + (neverRan == 1 ? "it proves" : "they prove") + " nothing.");
        page.element("h2", "Checks (" + checks.size() + ")").raw("<p class=\"checks-verdict\">" + Html.text(verdict) + "</p>\n")
                .table("checks", List.of("request", "check", "condition", "on fail", "passes", "fails", "pass rate"), rows);
    }

    static void details(Html page, RunResults results) {
        if (!results.chaos().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (ChaosEvent e : results.chaos()) {
                rows.add(List.of(Html.cell(e.name()), Html.cell(e.action()), Html.cell(Quantities.format(Duration.ofMillis(e.atMs()))),
                        Html.cell(e.outcome()), Html.cell(e.targets().size()), Html.cell(e.recoveredAfterMs() == null
                                ? (e.recoveryText() == null ? "" : e.recoveryText())
                                : Quantities.format(Duration.ofMillis(e.recoveredAfterMs()))), Html.cell(e.message())));
            }
            page.element("h2", "Chaos").table("chaos", List.of("name", "action", "at", "outcome", "targets", "recovered after",
                    "message"), rows);
        }
        if (results.jobs() != null) {
            jobs(page, results.jobs());
        }
        if (results.runCookie() != null || !results.orphans().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (OrphanReport o : results.orphans()) {
                rows.add(List.of(Html.cell(o.pid()), Html.cell(o.ppid()), Html.cell(o.command()), Html.cell(o.why()),
                        Html.cell(o.detail()), Html.cell(o.reaped() ? "yes" : "no")));
            }
            page.element("h2", "Orphans (" + results.orphans().size() + ")")
                    .table("orphans", List.of("pid", "parent", "command", "why", "detail", "reaped"), rows);
        }
    }

    private static void jobs(Html page, JobsSummary j) {
        page.element("h2", "Jobs").table("jobs-summary", List.of("submitted", "completed", "failed", "pending", "lost",
                "duplicated", "timeouts"), List.of(List.of(Html.cell(j.submitted()), Html.cell(j.completed()), Html.cell(j.failed()),
                Html.cell(j.pending()), j.lost() > 0 ? "<strong class=\"bad\">" + j.lost() + "</strong>" : Html.cell(j.lost()),
                Html.cell(j.duplicated()), Html.cell(j.timeouts()))));
        if (!j.lostReasons().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (Map.Entry<String, Long> e : j.lostReasons().entrySet()) {
                rows.add(List.of(Html.cell(e.getKey()), Html.cell(e.getValue())));
            }
            page.table("lost", List.of("why lost", "jobs"), rows);
        }
        if (!j.lostIds().isEmpty()) {
            page.element("p", "Some lost job ids: " + String.join(", ", j.lostIds()));
        }
    }
}
