package io.stressgate.engine.step;

import io.stressgate.engine.scenario.Quantities;
import io.stressgate.engine.scenario.TargetChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Plans the command lines the steps start on the agent: {@code java -jar <jar> run|publish|chaos|orphans ...}, with
 * the build environment plus what each command needs. Values that may be secret (scenario variables, the service
 * token) travel only in the environment.
 */
public final class CliCommands {
    /** The variable carrying the run cookie; the CLI takes it as its run id and children inherit it. */
    public static final String RUN_COOKIE = "STRESSGATE_RUN";
    /** The variable carrying the reporting service token for {@code publish}. */
    public static final String TOKEN = "STRESSGATE_TOKEN";
    /** The cookie Jenkins' {@code node} step gives every process started inside it. */
    public static final String NODE_COOKIE = "JENKINS_NODE_COOKIE";

    private final String java;
    private final String jar;
    private final Map<String, String> buildEnv;

    /**
     * @param java     the Java launcher on the agent
     * @param jar      the CLI jar on the agent
     * @param buildEnv the environment of the build at this step (carries {@code JENKINS_NODE_COOKIE} inside {@code node})
     */
    public CliCommands(String java, String jar, Map<String, String> buildEnv) {
        this.java = java;
        this.jar = jar;
        this.buildEnv = new LinkedHashMap<>(buildEnv);
    }

    /** {@code stressgate run <scenario> --out <dir>} (and {@code --shard I/N ... --start-at T} for a shard), started in the workspace; variables and the run cookie in the environment. */
    public LaunchCommand run(StressTestArgs args, String outDir, String runCookie) {
        List<String> argv = cli("run", args.scenario(), "--out", outDir);
        if (args.shard() != null) {
            argv.addAll(ShardStep.options(args.shard()));
        }
        if (args.startAt() != null) {
            argv.addAll(List.of("--start-at", args.startAt().toString()));
        }
        Map<String, String> env = environment();
        env.putAll(args.vars());
        env.put(RUN_COOKIE, runCookie);
        return new LaunchCommand(argv, env, Set.of());
    }

    /** {@code stressgate publish <dir> --server ... --job ... --build ...}, with the token only in the environment. */
    public LaunchCommand publish(PublishContext target, String outDir, String token) {
        List<String> argv = cli("publish", outDir, "--server", target.server().toString(), "--job", target.job(),
                "--build", Long.toString(target.build()));
        optional(argv, "--branch", target.branch());
        optional(argv, "--commit", target.commit());
        optional(argv, "--ci-url", target.ciUrl());
        Map<String, String> env = environment();
        env.put(TOKEN, token);
        return new LaunchCommand(argv, env, Set.of(TOKEN));
    }

    /** {@code stressgate chaos kill|pause|stop ...} writing its event to {@code jsonFile}, with its restore ledger in {@code stateDir}. */
    public LaunchCommand chaos(ChaosKillArgs args, String jsonFile, String stateDir) {
        List<String> argv = cli("chaos", args.action());
        if (args.command() != null) {
            argv.addAll(List.of("--command", CommandList.toJson(args.command()), "--restore", CommandList.toJson(args.restore()),
                    "--pause-for", Quantities.format(args.pauseFor())));
        } else {
            argv.addAll(args.target().options());
            if (args.pauseFor() == null) {
                argv.addAll(List.of("--signal", args.signal().name()));
            } else {
                argv.addAll(List.of("--pause-for", Quantities.format(args.pauseFor())));
            }
            argv.addAll(List.of("--count", Integer.toString(args.count()), "--max", Integer.toString(args.max()),
                    "--scope", args.scope().name().toLowerCase(Locale.ROOT), "--among", TargetChoice.name(args.choice().among()),
                    "--pick", TargetChoice.name(args.choice().pick())));
        }
        if (args.recover() != null) {
            argv.addAll(args.recover().options());
        }
        if (args.recoverTimeout() != null) {
            argv.addAll(List.of("--recover-timeout", Quantities.format(args.recoverTimeout())));
        }
        argv.add(args.dryRun() ? "--dry-run" : "--execute");
        argv.addAll(List.of("--json", jsonFile, "--state-dir", stateDir));
        return new LaunchCommand(argv, environment(), Set.of());
    }

    /** {@code stressgate orphans --cookie ... [--pattern ...] --grace ... [--reap] --json <file>}. */
    public LaunchCommand orphans(AssertNoOrphansArgs.Query query, String jsonFile) {
        List<String> argv = cli("orphans");
        for (String cookie : query.cookies()) {
            argv.addAll(List.of("--cookie", cookie));
        }
        optional(argv, "--pattern", query.pattern());
        argv.addAll(List.of("--grace", Quantities.format(query.grace())));
        if (query.reap()) {
            argv.add("--reap");
        }
        argv.addAll(List.of("--json", jsonFile));
        return new LaunchCommand(argv, environment(), Set.of());
    }

    /**
     * {@code <java> -jar <jar> --version}: whether this Java starts this jar through the build's launcher. It fails
     * when the Java is older than 17, or when the launcher cannot see the path (a container that mounts only the
     * workspace), so the host tries the next place of {@link AgentJarCache#directories}.
     */
    public static LaunchCommand jarProbe(String java, String jar, Map<String, String> buildEnv) {
        return new LaunchCommand(List.of(java, "-jar", jar, "--version"), buildEnv, Set.of());
    }

    private List<String> cli(String... command) {
        List<String> argv = new ArrayList<>(List.of(java, "-jar", jar));
        argv.addAll(List.of(command));
        return argv;
    }

    /** The build environment without values a previous step of ours could have left in it. */
    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(buildEnv);
        env.remove(RUN_COOKIE);
        env.remove(TOKEN);
        return env;
    }

    private static void optional(List<String> argv, String option, String value) {
        if (value != null) {
            argv.add(option);
            argv.add(value);
        }
    }
}
