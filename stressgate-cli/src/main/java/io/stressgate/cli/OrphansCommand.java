package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.process.OrphanScan;
import io.stressgate.engine.process.ProcFs;
import io.stressgate.engine.result.OrphanReport;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.scenario.Quantities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stressgate orphans}: finds processes a build or run left behind, by cookie or pattern, and reaps them if asked. */
@Command(name = "orphans", mixinStandardHelpOptions = true,
        description = {"Find processes left behind: those carrying a cookie (STRESSGATE_RUN or JENKINS_NODE_COOKIE) or",
                "matching a pattern. Processes of another run or build are never reported or touched."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no orphans", "1:orphans found", "2:invalid usage"})
public final class OrphansCommand implements Callable<Integer> {
    @Option(names = "--cookie", paramLabel = "ID", description = "STRESSGATE_RUN=ID or JENKINS_NODE_COOKIE=ID marks ours (repeatable)")
    private List<String> cookies = new ArrayList<>();
    @Option(names = "--pattern", paramLabel = "REGEX", description = "a command line matching this is an orphan (repeatable)")
    private List<String> patterns = new ArrayList<>();
    @Option(names = "--grace", defaultValue = "2s", description = "wait this long first (default 2s)")
    private String grace;
    @Option(names = "--reap", description = "end the orphans: TERM, then KILL")
    private boolean reap;
    @Option(names = "--json", paramLabel = "FILE", description = "write {\"checked\": N, \"orphans\": [...]}")
    private Path json;
    @Option(names = "--exclude-pid", paramLabel = "N", description = "never report this process or its descendants (repeatable)")
    private List<Long> excluded = new ArrayList<>();

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OrphanScan.Result result = new OrphanScan(ProcFs.system()).scan(request());
        var out = spec.commandLine().getOut();
        for (OrphanReport o : result.orphans()) {
            out.println("orphan pid " + o.pid() + " (parent " + o.ppid() + ") " + o.why() + (o.reaped() ? " [reaped]" : "") + ": "
                    + io.stressgate.engine.process.LogSafe.text(o.command()) + " -- " + io.stressgate.engine.process.LogSafe.text(o.detail()));
        }
        out.println(result.orphans().size() + " orphan(s) among " + result.checked() + " processes checked");
        out.flush();
        if (json != null) {
            ResultsJson.writer().writeValue(json.toFile(), result);
        }
        return result.orphans().isEmpty() ? ExitCodes.PASSED : ExitCodes.FAILED;
    }

    private OrphanScan.Request request() {
        List<String> problems = new ArrayList<>();
        List<Pattern> compiled = new ArrayList<>();
        for (String p : patterns) {
            try {
                compiled.add(Pattern.compile(p));
            } catch (PatternSyntaxException e) {
                problems.add("--pattern \"" + p + "\" is not a regular expression: " + e.getDescription());
            }
        }
        Duration wait = null;
        try {
            wait = Quantities.duration(grace);
            if (wait.compareTo(Duration.ofHours(1)) > 0) {
                problems.add("--grace " + grace + " is longer than 1h");
            }
        } catch (IllegalArgumentException e) {
            problems.add("--grace: " + e.getMessage());
        }
        if (problems.isEmpty()) {
            try {
                return new OrphanScan.Request(Set.copyOf(cookies), compiled, wait, reap, Set.copyOf(excluded), System.getenv());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        throw new UsageException("stressgate orphans: " + String.join("; ", problems));
    }
}
