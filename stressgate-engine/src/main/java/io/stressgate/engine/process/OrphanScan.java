package io.stressgate.engine.process;

import io.stressgate.engine.result.OrphanReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One orphan check outside a run, as {@code stressgate orphans} and the {@code assertNoOrphans} step ask for it:
 * processes carrying one of the cookies ({@code STRESSGATE_RUN} or {@code JENKINS_NODE_COOKIE}) or matching one of
 * the patterns, after a grace period, reaped if asked. Processes of another run or build (a cookie that is neither
 * asked for nor the tool's own) are never reported or touched.
 */
public final class OrphanScan {
    private final ProcFs proc;

    public OrphanScan(ProcFs proc) {
        this.proc = proc;
    }

    /** What to look for; at least one cookie or pattern. */
    public record Request(Set<String> cookies, List<Pattern> patterns, Duration grace, boolean reap, Set<Long> excludedPids,
                          Map<String, String> environment) {
        public Request {
            cookies = Set.copyOf(cookies);
            patterns = List.copyOf(patterns);
            excludedPids = Set.copyOf(excludedPids);
            environment = Map.copyOf(environment);
            if (cookies.isEmpty() && patterns.isEmpty()) {
                throw new IllegalArgumentException("say what marks an orphan: --cookie ID or --pattern REGEX (or both, several times)");
            }
            if (cookies.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("a cookie cannot be empty");
            }
        }
    }

    /** How many processes were looked at, and the orphans (the JSON the command writes). */
    public record Result(int checked, List<OrphanReport> orphans) {
        public Result {
            orphans = List.copyOf(orphans);
        }
    }

    public Result scan(Request request) throws InterruptedException {
        Thread.sleep(request.grace().toMillis());
        Pattern pattern = request.patterns().isEmpty() ? null : Pattern.compile(request.patterns().stream()
                .map(p -> "(?:" + p.pattern() + ")").collect(Collectors.joining("|")));
        OrphanCriteria criteria = new OrphanCriteria(request.cookies(), OrphanCriteria.inherited(request.environment()), pattern,
                request.excludedPids(), false);
        long self = ProcessHandle.current().pid();
        OrphanDetector.Findings found = new OrphanDetector(proc, criteria, null, self).check();
        List<OrphanReport> orphans = new ArrayList<>(found.orphans());
        if (request.reap() && !orphans.isEmpty()) {
            int uid = proc.process(self).map(ProcessInfo::uid).orElse(-1);
            CommandRunner runner = new CommandRunner(Path.of(System.getProperty("java.io.tmpdir")));
            orphans = new OrphanReaper(proc, new TreeTerminator(proc, new SignalSender(proc, runner)), uid)
                    .reap(found, Duration.ofSeconds(5));
        }
        return new Result(found.checked(), orphans);
    }
}
