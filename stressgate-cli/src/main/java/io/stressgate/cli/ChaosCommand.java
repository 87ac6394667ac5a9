package io.stressgate.cli;

import io.stressgate.engine.result.ExitCodes;
import io.stressgate.engine.chaos.ChaosTool;
import io.stressgate.engine.chaos.StateDirs;
import io.stressgate.engine.process.ProcessQuery;
import io.stressgate.engine.process.Signal;
import io.stressgate.engine.result.ChaosEvent;
import io.stressgate.engine.result.ResultsJson;
import io.stressgate.engine.scenario.ChaosLimits;
import io.stressgate.engine.scenario.ChaosRules;
import io.stressgate.engine.scenario.ChaosSpec;
import io.stressgate.engine.scenario.Quantities;
import io.stressgate.engine.scenario.TargetChoice;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stressgate chaos}: one chaos action against processes on this machine, refused by the safety rules when unsafe. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Kill, pause, stop or start processes on this machine, with the safety rules of a run.",
                "Without --execute nothing is sent: the targets are listed (dry run)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done, or dry run listed", "1:failed (e.g. did not recover)", "2:invalid usage",
                "4:refused by a safety rule (the message names it)"})
public final class ChaosCommand implements Callable<Integer> {
    /** The rules' keys as this command spells them. */
    private static final Map<String, String> FLAGS = Map.ofEntries(Map.entry("action", "ACTION"),
            Map.entry("target", "--pid, --pid-file, --name, --cmdline or --port"), Map.entry("signal", "--signal"),
            Map.entry("count", "--count"), Map.entry("max", "--max"), Map.entry("scope", "--scope"),
            Map.entry("among", "--among"), Map.entry("pick", "--pick"), Map.entry("duration", "--pause-for"),
            Map.entry("command", "--command"), Map.entry("restore", "--restore"),
            Map.entry("allowOtherUsers", "--allow-other-users"), Map.entry("name", "--name"), Map.entry("cmdline", "--cmdline"),
            Map.entry("port", "--port"), Map.entry("recover.timeout", "--recover-timeout"), Map.entry("recover.command", "--recover-cmd"),
            Map.entry("recover.http", "--recover-http"), Map.entry("recover.tcp", "--recover-tcp"));

    @Parameters(index = "0", paramLabel = "ACTION", description = "kill, pause, stop or start")
    private String action;
    @Option(names = "--pid", paramLabel = "N", description = "a process id (repeatable)")
    private List<Long> pids = new ArrayList<>();
    @Option(names = "--pid-file", paramLabel = "FILE", description = "a file holding the pid")
    private Path pidFile;
    @Option(names = "--name", paramLabel = "EXE", description = "the program's name")
    private String name;
    @Option(names = "--cmdline", paramLabel = "REGEX", description = "a pattern the command line contains")
    private String cmdline;
    @Option(names = "--port", paramLabel = "N", description = "the process listening on this TCP port")
    private Integer port;
    @Option(names = "--signal", paramLabel = "SIG", description = "TERM (default), KILL, INT, HUP, STOP or CONT")
    private String signal;
    @Option(names = "--count", paramLabel = "N", description = "how many of the matches to hit (default 1, at most 1000)")
    private Integer count;
    @Option(names = "--max", paramLabel = "N", description = "refuse when more processes match (default 1, at most 1000)")
    private Integer max;
    @Option(names = "--scope", description = "process, group or tree (default process)")
    private String scope;
    @Option(names = "--among", paramLabel = "WHICH", description = "the candidates: matches (default), children (of the"
            + " matches) or leaves (of their process trees); --max counts candidates")
    private String among;
    @Option(names = "--pick", paramLabel = "HOW", description = "which --count candidates: first (pid order, default),"
            + " oldest, youngest, random, or busy (most CPU over 200ms)")
    private String pick;
    @Option(names = "--pause-for", paramLabel = "DURATION", description = "pause: how long; stop: when to restore"
            + " (at most 1h)")
    private String pauseFor;
    @Option(names = "--command", paramLabel = "JSON_ARRAY", description = "stop or start: e.g. '[\"redis-cli\",\"shutdown\"]'")
    private String command;
    @Option(names = "--restore", paramLabel = "JSON_ARRAY", description = "stop: the command that undoes it")
    private String restore;
    @Option(names = "--recover-http", paramLabel = "URL", description = "recovered when this URL answers 2xx")
    private String recoverHttp;
    @Option(names = "--recover-tcp", paramLabel = "HOST:PORT", description = "recovered when this port accepts")
    private String recoverTcp;
    @Option(names = "--recover-cmd", paramLabel = "JSON_ARRAY", description = "recovered when this command exits 0")
    private String recoverCmd;
    @Option(names = "--recover-timeout", paramLabel = "DURATION", description = "how long to wait for recovery (default 60s,"
            + " 100ms to 1h)")
    private String recoverTimeout;
    @Option(names = "--execute", description = "really do it")
    private boolean execute;
    @Option(names = "--dry-run", description = "list the targets and send nothing (the default)")
    private boolean dryRun;
    @Option(names = "--json", paramLabel = "FILE", description = "write the chaos event as JSON")
    private Path json;
    @Option(names = "--state-dir", paramLabel = "DIR", description = "ledger, audit log and kill switch (default $XDG_STATE_HOME/stressgate)")
    private Path stateDir;
    @Option(names = "--allow-other-users", description = "allow other users' processes; every use is audited")
    private boolean allowOtherUsers;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ChaosTool.Request request = request();
        ChaosEvent event = new ChaosTool(Clock.systemUTC()).run(request);
        var out = spec.commandLine().getOut();
        out.println(event.outcome() + ": " + event.message());
        event.targets().forEach(t -> out.println("  pid " + t.pid() + " (" + t.user() + "): " + t.command()));
        if (event.among() != null && event.pick() != null) {
            out.println("  chosen among " + event.among() + ", pick " + event.pick());
        }
        if (event.recoveredAfterMs() != null) {
            out.println("  recovered after " + event.recoveredAfterMs() + " ms");
        }
        out.flush();
        if (json != null) {
            ResultsJson.writer().writeValue(json.toFile(), event);
        }
        return switch (event.outcome()) {
            case DONE, DRY_RUN -> ExitCodes.PASSED;
            case REFUSED -> ExitCodes.REFUSED;
            case FAILED -> ExitCodes.FAILED;
        };
    }

    private ChaosTool.Request request() {
        List<String> problems = new ArrayList<>();
        ChaosSpec.Action act = parse(problems, "ACTION", action, ChaosRules::action, "");
        ChaosSpec.Scope sc = scope == null ? ChaosSpec.Scope.PROCESS : parse(problems, "--scope", scope, ChaosRules::scope, "");
        String sig = signal == null ? null : parse(problems, "--signal", signal, ChaosRules::signal, "");
        Duration pause = pauseFor == null ? null : parse(problems, "--pause-for", pauseFor, Quantities::duration, "a duration such as 5s");
        List<String> commandArgv = command == null ? null : parse(problems, "--command", command, c -> ChaosTool.argv(c, "--command"), "");
        List<String> restoreArgv = restore == null ? null : parse(problems, "--restore", restore, c -> ChaosTool.argv(c, "--restore"), "");
        Duration timeout = recoverTimeout == null ? null
                : parse(problems, "--recover-timeout", recoverTimeout, Quantities::duration, "a duration such as 60s");
        ChaosSpec.Recovery recovery = recovery(problems, timeout == null ? Duration.ofSeconds(60) : timeout);
        TargetChoice.Among amongChoice = among == null ? TargetChoice.Among.MATCHES
                : parse(problems, "--among", among, TargetChoice::among, "");
        TargetChoice.Pick pickChoice = pick == null ? TargetChoice.Pick.FIRST : parse(problems, "--pick", pick, TargetChoice::pick, "");
        if (execute && dryRun) {
            problems.add("give --execute or --dry-run, not both");
        }
        ChaosRules.check(draft(act, sig, pause, commandArgv, restoreArgv, timeout, recovery), ChaosRules.Origin.COMMAND_LINE,
                FLAGS::get).forEach(p -> problems.add(p.message()));
        if (!problems.isEmpty()) {
            throw new UsageException("stressgate chaos: " + String.join("; ", problems));
        }
        int n = count == null ? 1 : count;
        Signal sent = act == ChaosSpec.Action.PAUSE ? Signal.STOP : Signal.parse(sig == null ? "TERM" : sig);
        return new ChaosTool.Request(act, query(), sent, sc, n, max == null ? n : max, new TargetChoice(amongChoice, pickChoice),
                pause, commandArgv == null ? List.of() : commandArgv, restoreArgv == null ? List.of() : restoreArgv, recovery,
                execute, allowOtherUsers,
                stateDir != null ? stateDir : StateDirs.defaultDir(System.getenv(), System.getProperty("user.home")),
                Path.of("").toAbsolutePath(), System.getenv());
    }

    /** The flags as the one chaos-action model has them; a value that did not read stands in as given. */
    private ChaosRules.Draft draft(ChaosSpec.Action act, String sig, Duration pause, List<String> commandArgv,
                                   List<String> restoreArgv, Duration timeout, ChaosSpec.Recovery recovery) {
        boolean selects = !pids.isEmpty() || pidFile != null || name != null || cmdline != null || port != null;
        boolean probe = recoverHttp != null || recoverTcp != null || recoverCmd != null;
        return new ChaosRules.Draft(act, new ChaosRules.Target(selects, name, cmdline, port == null ? null : (long) port), sig,
                count == null ? null : (long) count, max == null ? null : (long) max, scope != null, among != null, pick != null,
                pauseFor == null ? null : pause == null ? ChaosRules.UNREAD_DURATION : pause,
                command == null ? null : commandArgv == null ? ChaosRules.UNREAD_COMMAND : commandArgv,
                restore == null ? null : restoreArgv == null ? ChaosRules.UNREAD_COMMAND : restoreArgv,
                new ChaosRules.Probe(probe, recoverTimeout == null ? null : timeout == null ? ChaosRules.UNREAD_DURATION : timeout,
                        recovery.kind() == ChaosSpec.Recovery.Kind.COMMAND && !recovery.command().isEmpty() ? recovery.command() : null),
                false, allowOtherUsers);
    }

    /** The processes the flags select, once the rules have passed their values. */
    private ProcessQuery query() {
        if (pids.isEmpty() && pidFile == null && name == null && cmdline == null && port == null) {
            return null;
        }
        return new ProcessQuery(Set.copyOf(pids), pidFile == null ? null : pidFile.toAbsolutePath(), name,
                cmdline == null ? null : Pattern.compile(cmdline), port);
    }

    private ChaosSpec.Recovery recovery(List<String> problems, Duration timeout) {
        long given = java.util.stream.Stream.of(recoverHttp, recoverTcp, recoverCmd).filter(java.util.Objects::nonNull).count();
        if (given > 1) {
            problems.add("give only one of --recover-http, --recover-tcp, --recover-cmd");
            return ChaosSpec.Recovery.NONE;
        }
        Duration interval = Duration.ofMillis(200);
        if (recoverHttp != null) {
            String url = null;
            try {
                url = ChaosLimits.probeUrl(recoverHttp).toString();
            } catch (IllegalArgumentException e) {
                problems.add("--recover-http: " + e.getMessage()); // the message masks a password in the URL
            }
            return new ChaosSpec.Recovery(ChaosSpec.Recovery.Kind.HTTP, url, List.of(), timeout, interval);
        }
        if (recoverTcp != null) {
            String target = parse(problems, "--recover-tcp", recoverTcp, ChaosLimits::probeHostPort, "");
            return new ChaosSpec.Recovery(ChaosSpec.Recovery.Kind.TCP, target, List.of(), timeout, interval);
        }
        if (recoverCmd != null) {
            List<String> argv = parse(problems, "--recover-cmd", recoverCmd, c -> ChaosTool.argv(c, "--recover-cmd"), "");
            return new ChaosSpec.Recovery(ChaosSpec.Recovery.Kind.COMMAND, "", argv == null ? List.of() : argv, timeout, interval);
        }
        return ChaosSpec.Recovery.NONE;
    }

    private static <T> T parse(List<String> problems, String option, String text, java.util.function.Function<String, T> parser,
                               String expected) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            String hint = expected.isEmpty() ? "" : " (expected " + expected + ")";
            problems.add(option + " \"" + text + "\": " + e.getMessage() + hint);
            return null;
        }
    }
}
