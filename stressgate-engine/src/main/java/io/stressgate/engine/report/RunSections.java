package io.stressgate.engine.report;

import io.stressgate.engine.report.Block.Bullets;
import io.stressgate.engine.report.Block.Callout;
import io.stressgate.engine.report.Block.Fact;
import io.stressgate.engine.report.Block.Facts;
import io.stressgate.engine.report.Block.TableBuilder;
import io.stressgate.engine.result.ErrorKind;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.GeneratorInfo;
import io.stressgate.engine.result.JobsSummary;
import io.stressgate.engine.result.LatencyMs;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.result.Verdict;
import io.stressgate.engine.scenario.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The sections every run report has, in the order a reader wants them: the run header, the executive summary,
 * gates, requests, checks, status codes, errors, jobs and the load generator; then the system-under-test sections.
 */
final class RunSections {
    private static final int MAX_LOST_IDS = 10;

    private RunSections() {
    }

    /** Every section of a report on these results. */
    static List<Section> all(RunResults r) {
        List<Section> sections = new ArrayList<>();
        sections.add(summary(r));
        sections.add(gates(r.gates()));
        Section shards = ShardSection.of(r);
        if (shards != null) {
            sections.add(shards);
        }
        Section external = ExternalSection.of(r);
        if (external != null) {
            sections.add(external);
        }
        Section imported = ImportedSection.of(r);
        if (imported != null) {
            sections.add(imported);
        }
        Section load = load(r.load());
        if (load != null) {
            sections.add(load);
        }
        Section breaking = BreakingPointSection.of(r);
        if (breaking != null) {
            sections.add(breaking);
        }
        Section checks = ChecksSection.of(r);
        if (checks != null) {
            sections.add(checks);
        }
        if (r.all() != null) {
            sections.add(statusCodes(r.all()));
            sections.add(errors(r.all(), r.generator() == null ? null : r.generator().tlsFailure()));
        }
        if (r.jobs() != null) {
            sections.add(jobs(r.jobs(), celeryDrained(r)));
        }
        if (r.generator() != null) {
            sections.add(generator(r.generator()));
        }
        sections.addAll(SystemSections.all(r));
        return sections;
    }

    /** What the run was and how it ended; a run that did not complete says so before anything else. */
    static List<Block> header(RunResults r) {
        List<Block> blocks = new ArrayList<>();
        if (r.status() != RunStatus.COMPLETED) {
            blocks.add(incomplete(r));
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Verdict", verdict(r.verdict()), tone(r.verdict())));
        facts.add(new Fact("Status", r.status() + (r.status() == RunStatus.COMPLETED || r.statusReason() == null ? ""
                : " (" + r.statusReason() + ")")));
        facts.add(new Fact("Started", Figures.instant(r.startedAt())));
        facts.add(new Fact("Duration", Figures.ms(r.durationMs())));
        facts.add(new Fact("Scenario", r.scenario() != null && !isBlank(r.scenario().description())
                ? r.scenario().description() : scenarioName(r)));
        if (r.scenario() != null && r.scenario().target() != null) {
            facts.add(new Fact("Target", r.scenario().target()));
        }
        if (r.runId() != null) {
            facts.add(new Fact("Run", r.runId()));
        }
        blocks.add(new Facts(facts));
        return blocks;
    }

    /** The scenario's name; when it is empty or missing, its file's name, so no heading or label is left blank. */
    static String scenarioName(RunResults r) {
        if (r.scenario() != null && !isBlank(r.scenario().name())) {
            return r.scenario().name();
        }
        if (r.scenario() != null && !isBlank(r.scenario().file())) {
            String file = r.scenario().file(); // text from results, not a path of this machine
            int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
            return slash >= 0 && slash < file.length() - 1 ? file.substring(slash + 1) : file;
        }
        return "unnamed scenario";
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static Callout incomplete(RunResults r) {
        return new Callout(true, "Incomplete run (" + r.status() + ")", (r.statusReason() == null ? "no reason given"
                : r.statusReason()) + ". The figures cover only the part that ran; the verdict is " + r.verdict()
                + " because a run that did not complete never passes.");
    }

    /** The verdict in words: no emoji, which show as an empty box where no emoji font is installed. */
    static String verdict(Verdict verdict) {
        return verdict == Verdict.PENDING ? "PENDING (one shard; the merge decides)" : verdict.name();
    }

    /** The colour of the verdict's badge. */
    static Tone tone(Verdict verdict) {
        return switch (verdict) {
            case PASSED -> Tone.PASS;
            case UNSTABLE -> Tone.WARN;
            case FAILED -> Tone.FAIL;
            case PENDING -> Tone.WAIT;
        };
    }

    static Section summary(RunResults r) {
        List<Fact> facts = new ArrayList<>();
        LoadSummary all = r.all();
        if (all == null) {
            facts.add(new Fact("Requests", "the run sent no HTTP requests"));
        } else {
            facts.add(new Fact("Requests", Figures.count(all.requests())));
            long ok = all.requests() - all.errors();
            facts.add(new Fact("Success rate", Figures.share(ok, all.requests()) + " (" + Figures.count(ok) + "/"
                    + Figures.count(all.requests()) + " requests)"));
            facts.add(new Fact("Throughput", Figures.rate(all.rps())));
            facts.add(new Fact("Latency", Figures.latency(all.latencyMs())));
            facts.add(new Fact("Timeouts", Figures.count(all.timeouts()) + " (" + Figures.share(all.timeouts(), all.requests()) + ")"));
            facts.add(new Fact("Dropped iterations", Figures.count(all.dropped())));
            if (all.redirects() > 0) {
                facts.add(new Fact("Redirects followed", Figures.count(all.redirects())));
            }
            if (all.bytesReceived() > 0) {
                facts.add(new Fact("Received", received(all)));
            }
        }
        facts.add(new Fact("Gates", gateCount(r.gates())));
        return new Section("summary", "Executive summary", new Facts(facts));
    }

    /** Bytes on the wire, and the bodies' size after decoding when the generator decoded any to another size. */
    static String received(LoadSummary s) {
        String wire = Figures.bytes(s.bytesReceived());
        return s.bytesDecoded() > 0 && s.bytesDecoded() != s.bytesReceived()
                ? wire + " on the wire, bodies " + Figures.bytes(s.bytesDecoded()) + " after decoding" : wire;
    }

    private static String gateCount(List<GateResult> gates) {
        if (gates.isEmpty()) {
            return "none set";
        }
        long held = gates.stream().filter(GateResult::passed).count();
        long fail = gates.stream().filter(g -> !g.passed() && g.severity() != Severity.UNSTABLE).count();
        long unstable = gates.size() - held - fail;
        return held + " of " + gates.size() + " held" + (fail > 0 ? ", " + fail + " fail gate(s) broken" : "")
                + (unstable > 0 ? ", " + unstable + " unstable gate(s) broken" : "");
    }

    static Section gates(List<GateResult> gates) {
        if (gates.isEmpty()) {
            return new Section("gates", "Gates", new Bullets(List.of("No gates were set.")));
        }
        TableBuilder table = new TableBuilder("Gate", "Severity", "Actual#", "Limit#", "Result");
        List<String> broken = new ArrayList<>();
        for (GateResult g : gates) {
            table.row(Block.Cell.plain(g.expression()), Block.Cell.plain(g.severity().label()),
                    Block.Cell.plain(GateTexts.actual(g)), Block.Cell.plain(GateTexts.limit(g)), GateTexts.result(g));
            if (!g.passed()) {
                broken.add(g.expression() + " (" + g.severity().label() + "): " + GateTexts.verdict(g));
            }
        }
        return broken.isEmpty() ? new Section("gates", "Gates", table.build())
                : new Section("gates", "Gates", table.build(), new Bullets(broken));
    }

    static Section load(Map<String, LoadSummary> load) {
        if (load.isEmpty()) {
            return null;
        }
        boolean redirects = load.values().stream().anyMatch(s -> s.redirects() > 0);
        List<String> columns = new ArrayList<>(List.of("Request", "Requests#", "Success#", "Throughput#", "p50#", "p95#",
                "p99#", "Max#", "Errors#", "Timeouts#", "Dropped#"));
        if (redirects) {
            columns.add("Redirects#");
        }
        TableBuilder table = new TableBuilder(columns.toArray(String[]::new));
        load.forEach((name, s) -> {
            if (!name.equals(RunResults.ALL)) {
                table.row(row(name, s, redirects));
            }
        });
        LoadSummary all = load.get(RunResults.ALL);
        if (all != null) {
            table.row(row("all requests", all, redirects));
        }
        return new Section("requests", "Requests", table.build());
    }

    /** One request's row; the redirects column is there only when some request of the run followed a redirect. */
    private static String[] row(String name, LoadSummary s, boolean redirects) {
        LatencyMs l = s.latencyMs();
        List<String> cells = new ArrayList<>(Arrays.asList(name, Figures.count(s.requests()),
                Figures.share(s.requests() - s.errors(), s.requests()), Figures.rate(s.rps()),
                l == null ? null : Figures.ms(l.p50()), l == null ? null : Figures.ms(l.p95()),
                l == null ? null : Figures.ms(l.p99()), l == null ? null : Figures.ms(l.max()), Figures.count(s.errors()),
                Figures.count(s.timeouts()), Figures.count(s.dropped())));
        if (redirects) {
            cells.add(Figures.count(s.redirects()));
        }
        return cells.toArray(String[]::new);
    }

    /** Status codes with counts and shares of all requests; requests without any response make up the rest. */
    static Section statusCodes(LoadSummary all) {
        List<String> items = new ArrayList<>();
        long answered = 0;
        for (Map.Entry<String, Long> e : all.status().entrySet()) {
            answered += e.getValue();
            items.add(e.getKey() + ": " + Figures.count(e.getValue()) + " (" + Figures.share(e.getValue(), all.requests()) + ")");
        }
        long unanswered = all.requests() - answered;
        if (unanswered > 0) {
            items.add("no response: " + Figures.count(unanswered) + " (" + Figures.share(unanswered, all.requests()) + ")");
        }
        if (items.isEmpty()) {
            items.add("No responses.");
        }
        return new Section("status-codes", "Status codes", new Bullets(items));
    }

    static Section errors(LoadSummary all, String tlsFailure) {
        List<String> items = new ArrayList<>();
        all.errorKinds().forEach((kind, n) -> items.add(kind + ": " + Figures.count(n) + " ("
                + Figures.share(n, all.requests()) + " of requests)"
                + (kind.equals(ErrorKind.TLS.key()) && tlsFailure != null ? "; the first: " + tlsFailure : "")));
        if (items.isEmpty()) {
            items.add("No errors.");
        }
        return new Section("errors", "Errors by kind", new Bullets(items));
    }

    /** True when the run samples celery queues and every one of them ended drained (nothing waiting or unacked). */
    static boolean celeryDrained(RunResults r) {
        var celery = r.queues().values().stream().filter(q -> "celery".equals(q.type())).toList();
        return !celery.isEmpty() && celery.stream().allMatch(q -> q.finalDepth() == 0
                && (q.finalUnacked() == null || q.finalUnacked() == 0) && q.samples() > 0 && q.keySeen());
    }

    static Section jobs(JobsSummary j, boolean celeryDrained) {
        List<Block> blocks = new ArrayList<>();
        LatencyMs l = j.latencyMs();
        blocks.add(new TableBuilder("Submitted#", "Completed#", "Failed#", "Pending#", "Lost#", "Duplicated#", "Timeouts#",
                "End-to-end p50#", "p95#", "p99#")
                .row(Figures.count(j.submitted()), Figures.count(j.completed()), Figures.count(j.failed()),
                        Figures.count(j.pending()), Figures.count(j.lost()), Figures.count(j.duplicated()),
                        Figures.count(j.timeouts()), l == null ? null : Figures.ms(l.p50()),
                        l == null ? null : Figures.ms(l.p95()), l == null ? null : Figures.ms(l.p99())).build());
        List<String> lost = new ArrayList<>();
        j.lostReasons().forEach((reason, n) -> lost.add("lost because " + reason + ": " + Figures.count(n)));
        if (!j.lostIds().isEmpty()) {
            List<String> ids = j.lostIds().subList(0, Math.min(MAX_LOST_IDS, j.lostIds().size()));
            lost.add("lost job ids" + (ids.size() < j.lostIds().size() ? " (first " + ids.size() + ")" : "") + ": "
                    + String.join(", ", ids));
        }
        if (j.unidentifiedCount() > 0) {
            lost.add(0, Figures.count(j.unidentifiedCount()) + " accepted submit" + (j.unidentifiedCount() == 1 ? "" : "s")
                    + " carried no job id (counted as error \"other\", not as jobs); the first: " + j.unidentifiedExample());
        }
        if (!j.failedIds().isEmpty()) {
            lost.add("failed job ids" + (j.failedIds().size() < j.failed() ? " (first " + j.failedIds().size() + ")" : "")
                    + ": " + String.join(", ", j.failedIds()));
        }
        if (celeryDrained && j.pending() > 0) {
            lost.add(Figures.count(j.pending()) + " job" + (j.pending() == 1 ? " reads" : "s read")
                    + " as pending while every celery queue is empty with nothing unacked: Celery answers PENDING for "
                    + "task ids it does not know, so these are probably lost (or still running without task_track_started)");
        }
        if (!lost.isEmpty()) {
            blocks.add(new Bullets(lost));
        }
        return new Section("jobs", "Jobs", blocks);
    }

    static Section generator(GeneratorInfo g) {
        List<Block> blocks = new ArrayList<>();
        if (g.saturated()) {
            blocks.add(new Callout(true, "Load generator saturated", (g.saturationReason() == null ? "no reason given"
                    : g.saturationReason()) + ". Its figures measure the generator more than the target."));
        } else if (g.saturationReason() != null) {
            blocks.add(new Callout(false, "Load generator started late", g.saturationReason() + "."));
        }
        blocks.add(new Facts(List.of(
                new Fact("Saturated", g.saturated() ? "yes" : "no"),
                new Fact("CPU per request", Figures.ms(g.cpuMicrosPerRequest() / 1000.0)),
                new Fact("CPU", Figures.percent(g.cpuPercent()) + " of one core (" + g.threads() + " threads on "
                        + g.cores() + " cores)"),
                new Fact("Busiest event loop", Figures.percent(g.busiestLoopPercent())),
                new Fact("Schedule lag p99", Figures.ms(g.scheduleLagP99Ms())),
                new Fact("Connections opened", g.connectionsOpened() + (g.preconnected() == 0 ? ""
                        : " (" + g.preconnected() + " ahead of the open-model load)")),
                new Fact("Heap after the run", Figures.bytes(g.heapUsedBytes())),
                new Fact("Version", g.version()))));
        return new Section("generator", "Load generator", blocks);
    }
}
