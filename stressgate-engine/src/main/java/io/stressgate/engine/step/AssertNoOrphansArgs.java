package io.stressgate.engine.step;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The validated arguments of {@code assertNoOrphans}: the cookie to look for (null: take the default when the step
 * runs), a command-line pattern, whether to kill what is found, and how long to wait for processes to exit first.
 */
public record AssertNoOrphansArgs(String cookie, String pattern, boolean reap, Duration grace) {
    static final Pattern COOKIE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);
    static final Duration MAX_GRACE = Duration.ofMinutes(5);

    /** The arguments as the Pipeline script gave them; every field may be null. */
    public record Input(String cookie, String pattern, Boolean reap, String grace) {
    }

    /** What the scan looks for once the defaults are known. */
    public record Query(List<String> cookies, String pattern, boolean reap, Duration grace) {
        public Query {
            cookies = List.copyOf(cookies);
        }
    }

    /** Validates everything and reports every problem at once. */
    public static AssertNoOrphansArgs of(Input in) throws StepArgumentException {
        ArgumentProblems problems = new ArgumentProblems("assertNoOrphans");
        String cookie = cookie("cookie", in.cookie(), problems);
        String pattern = problems.text("pattern", in.pattern(), 512);
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                problems.add("pattern", "is not a regular expression: " + DisplayText.clamp(e.getDescription(), 120));
                pattern = null;
            }
        }
        Duration grace = problems.duration("grace", in.grace(), Duration.ZERO, MAX_GRACE);
        problems.throwIfAny();
        return new AssertNoOrphansArgs(cookie, pattern, in.reap() == null || in.reap(), grace == null ? DEFAULT_GRACE : grace);
    }

    /**
     * The query with the cookie filled in: the one given, else the run cookie of the build's last {@code stressTest},
     * else the {@code JENKINS_NODE_COOKIE} of the enclosing {@code node} block.
     */
    public Query resolve(String lastRunCookie, String nodeCookie) throws StepArgumentException {
        ArgumentProblems problems = new ArgumentProblems("assertNoOrphans");
        List<String> cookies = new ArrayList<>();
        String chosen = cookie != null ? cookie : lastRunCookie != null ? lastRunCookie : nodeCookie;
        String source = cookie != null ? "cookie" : lastRunCookie != null ? "the last stressTest's run cookie"
                : "JENKINS_NODE_COOKIE";
        if (chosen != null && cookie(source, chosen, problems) != null) {
            cookies.add(chosen);
        }
        if (chosen == null && pattern == null) {
            problems.add("cookie", "no cookie to look for: no stressTest ran in this build, JENKINS_NODE_COOKIE is not set "
                    + "(is the step inside node { }?), and no pattern is given");
        }
        problems.throwIfAny();
        return new Query(cookies, pattern, reap, grace);
    }

    private static String cookie(String parameter, String value, ArgumentProblems problems) {
        if (value == null) {
            return null;
        }
        if (!COOKIE.matcher(value).matches()) {
            problems.add(parameter, "\"" + DisplayText.clamp(value, 40) + "\" is not a cookie ([A-Za-z0-9._:-], at most 128)");
            return null;
        }
        return value;
    }
}
