package io.stressgate.engine.process;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a process an orphan of this run, and what protects it. {@code cookies} are the values of
 * {@code STRESSGATE_RUN} or {@code JENKINS_NODE_COOKIE} that mark a process as ours. A process carrying one of those
 * variables with a value that is neither one of {@code cookies} nor {@code tolerated} (the build the tool itself runs
 * in) belongs to another run or build and is never reported or touched. With {@code newOnly}, pattern matches and
 * zombies count only when they were not there before the run.
 */
public record OrphanCriteria(Set<String> cookies, Set<String> tolerated, Pattern pattern, Set<Long> excludedPids,
                             boolean newOnly) {
    public OrphanCriteria {
        cookies = Set.copyOf(cookies);
        tolerated = Set.copyOf(tolerated);
        excludedPids = Set.copyOf(excludedPids);
    }

    /** True when the environment carries one of our cookies. */
    public boolean ours(Map<String, String> environ) {
        return CommandRunner.COOKIE_VARIABLES.stream().map(environ::get).anyMatch(v -> v != null && cookies.contains(v));
    }

    /** True when the environment marks the process as another run's or build's. */
    public boolean foreign(Map<String, String> environ) {
        if (ours(environ)) {
            return false;
        }
        return CommandRunner.COOKIE_VARIABLES.stream().map(environ::get)
                .anyMatch(v -> v != null && !cookies.contains(v) && !tolerated.contains(v));
    }

    /** The cookie values of the tool's own environment: the build it runs in, which is not "another" build. */
    public static Set<String> inherited(Map<String, String> ownEnvironment) {
        return CommandRunner.COOKIE_VARIABLES.stream().map(ownEnvironment::get).filter(v -> v != null && !v.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
