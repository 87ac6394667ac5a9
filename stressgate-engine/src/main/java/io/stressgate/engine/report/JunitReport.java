package io.stressgate.engine.report;

import io.stressgate.engine.result.CheckSummary;
import io.stressgate.engine.result.GateResult;
import io.stressgate.engine.result.LoadSummary;
import io.stressgate.engine.result.RunResults;
import io.stressgate.engine.result.RunStatus;
import io.stressgate.engine.scenario.Severity;

/**
 * Renders junit.xml, so that any CI shows the gates as tests: one suite for the run, one test case per gate
 * (failing when the gate broke, typed by its severity), a test case {@code run completed} that fails when the run
 * did not, and one test case per response check named after the check with class name {@code checks.<request>}, so
 * CI pages group the checks under their request (failing when any response failed it, skipped when it never ran).
 * Names and messages come from scenario files and agents, so every one is escaped; there is no DOCTYPE.
 */
public final class JunitReport {
    /** The test case that stands for the run having gone to its end. */
    public static final String RUN_COMPLETED = "run completed";
    private static final String GATES = "gates";
    private static final String RUN = "run";
    private static final String CHECKS = "checks.";

    public String render(RunResults r) {
        long failures = r.gates().stream().filter(g -> !g.passed()).count() + (r.status() == RunStatus.COMPLETED ? 0 : 1)
                + r.checks().stream().filter(c -> c.fails() > 0).count();
        long skipped = r.checks().stream().filter(c -> c.runs() == 0).count();
        int tests = r.gates().size() + 1 + r.checks().size();
        String suite = "stressgate." + RunSections.scenarioName(r);
        String time = Figures.seconds(r.durationMs());
        StringBuilder out = new StringBuilder(1024);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuites name=\"stressgate\" tests=\"").append(tests).append("\" failures=\"")
                .append(failures).append("\" errors=\"0\" time=\"").append(time).append("\">\n");
        out.append("  <testsuite name=\"").append(Text.xml(suite)).append("\" tests=\"").append(tests)
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"").append(skipped)
                .append("\" time=\"").append(time).append('"');
        if (r.startedAt() != null) {
            out.append(" timestamp=\"").append(r.startedAt()).append('"');
        }
        out.append(">\n");
        properties(out, r);
        runCompleted(out, r, time);
        r.gates().forEach(g -> gate(out, g));
        r.checks().forEach(c -> check(out, c));
        out.append("  </testsuite>\n</testsuites>\n");
        return out.toString();
    }

    private static void properties(StringBuilder out, RunResults r) {
        out.append("    <properties>\n");
        property(out, "verdict", String.valueOf(r.verdict()));
        property(out, "status", String.valueOf(r.status()));
        if (r.runId() != null) {
            property(out, "runId", r.runId());
        }
        LoadSummary all = r.all();
        if (all != null) {
            property(out, "requests", Long.toString(all.requests()));
            property(out, "errors", Long.toString(all.errors()));
            property(out, "redirects", Long.toString(all.redirects()));
            property(out, "bytesReceived", Long.toString(all.bytesReceived()));
            property(out, "bytesDecoded", Long.toString(all.bytesDecoded()));
        }
        out.append("    </properties>\n");
    }

    private static void property(StringBuilder out, String name, String value) {
        out.append("      <property name=\"").append(Text.xml(name)).append("\" value=\"").append(Text.xml(value))
                .append("\"/>\n");
    }

    private static void runCompleted(StringBuilder out, RunResults r, String time) {
        out.append("    <testcase name=\"").append(RUN_COMPLETED).append("\" classname=\"").append(RUN).append("\" time=\"")
                .append(time).append('"');
        if (r.status() == RunStatus.COMPLETED) {
            out.append("/>\n");
            return;
        }
        String reason = r.statusReason() == null ? "the run ended with status " + r.status() : r.statusReason();
        out.append(">\n      <failure type=\"").append(Text.xml(r.status().name().toLowerCase(java.util.Locale.ROOT)))
                .append("\" message=\"").append(Text.xml(reason)).append("\">")
                .append(Text.xml("The run did not complete (" + r.status() + "): " + reason
                        + ". Its figures cover only the part that ran, so the verdict is " + r.verdict() + "."))
                .append("</failure>\n    </testcase>\n");
    }

    private static void gate(StringBuilder out, GateResult g) {
        out.append("    <testcase name=\"").append(Text.xml(g.expression())).append("\" classname=\"").append(GATES)
                .append("\" time=\"0\"");
        if (g.passed()) {
            out.append("/>\n");
            return;
        }
        String type = g.severity() == Severity.UNSTABLE ? Severity.UNSTABLE.label() : Severity.FAIL.label();
        String message = GateTexts.verdict(g);
        out.append(">\n      <failure type=\"").append(type).append("\" message=\"").append(Text.xml(message)).append("\">")
                .append(Text.xml("gate " + g.expression() + " (severity " + type + ") broke: " + message))
                .append("</failure>\n    </testcase>\n");
    }

    private static void check(StringBuilder out, CheckSummary c) {
        out.append("    <testcase name=\"").append(Text.xml(c.name())).append("\" classname=\"").append(Text.xml(CHECKS + c.request()))
                .append("\" time=\"0\"");
        if (c.runs() == 0) {
            out.append(">\n      <skipped message=\"").append(Text.xml("never ran: no response of " + c.request()
                    + " was checked, so it proves nothing")).append("\"/>\n    </testcase>\n");
            return;
        }
        if (c.fails() == 0) {
            out.append("/>\n");
            return;
        }
        String message = Figures.count(c.passes()) + " passed, " + Figures.count(c.fails()) + " failed: pass rate "
                + Figures.share(c.passes(), c.runs()) + " (" + c.condition() + ")";
        out.append(">\n      <failure type=\"check\" message=\"").append(Text.xml(message)).append("\">")
                .append(Text.xml("check " + c.name() + " of request " + c.request() + " (" + c.condition() + ", "
                        + (c.failRequest() ? "fails the request" : "counted only") + ") failed on " + Figures.count(c.fails())
                        + " of " + Figures.count(c.runs()) + " responses"))
                .append("</failure>\n    </testcase>\n");
    }
}
