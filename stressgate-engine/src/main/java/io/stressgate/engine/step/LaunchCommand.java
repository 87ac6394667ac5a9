package io.stressgate.engine.step;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A process a step starts on the agent: the arguments and the environment exactly as the process must receive them,
 * and which environment variables hold secrets (to be masked in anything printed). Arguments never hold secrets.
 */
public record LaunchCommand(List<String> args, Map<String, String> env, Set<String> secretEnv) {
    public LaunchCommand {
        args = List.copyOf(args);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        secretEnv = Set.copyOf(secretEnv);
    }

    /**
     * The arguments for Jenkins' {@code ProcStarter.cmds}: Jenkins expands {@code $NAME}, {@code ${NAME}} and
     * {@code $$} in every argument against the build environment before it starts the process, so each {@code $}
     * is doubled to arrive as one.
     */
    public List<String> launcherArgs() {
        List<String> out = new ArrayList<>(args.size());
        for (String arg : args) {
            out.add(escapeDollars(arg));
        }
        return out;
    }

    /**
     * The environment for {@code ProcStarter.envs}, which expands variable references in values the same way
     * (Jenkins' {@code EnvVars.overrideExpandingAll}); a secret holding {@code $} must arrive unchanged.
     */
    public Map<String, String> launcherEnv() {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((k, v) -> out.put(k, escapeDollars(v)));
        return out;
    }

    /** The values of the secret environment variables, for masking output. */
    public List<String> secretValues() {
        List<String> out = new ArrayList<>();
        for (String name : secretEnv) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                out.add(value);
            }
        }
        return out;
    }

    /** The command line as one line for the build log (arguments hold no secrets; the environment is not shown). */
    public String display() {
        StringBuilder out = new StringBuilder();
        for (String arg : args) {
            if (out.length() > 0) {
                out.append(' ');
            }
            boolean plain = !arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=@,+%".indexOf(c) >= 0);
            out.append(plain ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return DisplayText.clamp(out.toString(), 2000);
    }

    static String escapeDollars(String text) {
        return text.replace("$", "$$");
    }
}
