package io.stressgate.engine.step;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * What a published run is filed under at the reporting service: job, build number, and (when known and well-formed)
 * branch, commit and the build's URL. Optional values that are not well-formed are left out rather than sent.
 */
public record PublishContext(URI server, String job, long build, String branch, String commit, String ciUrl) {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,64}");

    /** The context with the optional values checked; the job name and build number are required. */
    public static PublishContext of(URI server, String job, long build, String branch, String commit, String ciUrl) {
        if (job == null || job.isBlank() || job.length() > 512 || DisplayText.hasControl(job)) {
            throw new IllegalArgumentException("job name \"" + DisplayText.clamp(job, 80) + "\" cannot be published");
        }
        if (build < 1) {
            throw new IllegalArgumentException("build number " + build + " cannot be published");
        }
        String b = branch == null || branch.isBlank() || branch.length() > 256 || DisplayText.hasControl(branch) ? null : branch;
        String c = commit == null || !COMMIT.matcher(commit).matches() ? null : commit;
        String u = ciUrl == null || !(ciUrl.startsWith("https://") || ciUrl.startsWith("http://")) || ciUrl.length() > 2048
                || DisplayText.hasControl(ciUrl) ? null : ciUrl;
        return new PublishContext(server, job, build, b, c, u);
    }
}
