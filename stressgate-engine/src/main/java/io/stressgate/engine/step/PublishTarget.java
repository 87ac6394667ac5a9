package io.stressgate.engine.step;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Where a run's results are published: the reporting service's base URL and the Jenkins credentials holding its token. */
public record PublishTarget(URI server, String credentialsId) {
    static final int MAX_URL = 2048;

    /** The target, or null when neither is given; every problem goes to {@code problems}. */
    static PublishTarget parse(String server, String credentialsId, ArgumentProblems problems) {
        if (server == null && credentialsId == null) {
            return null;
        }
        URI uri = server == null ? null : serverUrl("publish", server, problems);
        if (server == null) {
            problems.add("credentialsId", "is given without publish; name the reporting service URL in publish");
        }
        String id = problems.text("credentialsId", credentialsId, 256);
        if (credentialsId == null && server != null) {
            problems.add("credentialsId", "is required with publish: the ID of a Secret text credential holding the service token");
        }
        return uri == null || id == null ? null : new PublishTarget(uri, id);
    }

    /** An absolute http or https URL with a host and no user information (a password in a URL ends up in logs). */
    static URI serverUrl(String parameter, String text, ArgumentProblems problems) {
        String t = problems.text(parameter, text, MAX_URL);
        if (t == null) {
            return null;
        }
        try {
            URI uri = new URI(t.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problems.add(parameter, "\"" + DisplayText.clamp(t, 80) + "\" is not an http or https URL");
                return null;
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                problems.add(parameter, "\"" + DisplayText.clamp(t, 80) + "\" has no host");
                return null;
            }
            if (uri.getRawUserInfo() != null) {
                problems.add(parameter, "must not contain a user or password; put the token in a credential");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(parameter, "\"" + DisplayText.clamp(t, 80) + "\" is not a URL: " + DisplayText.clamp(e.getReason(), 80));
            return null;
        }
    }
}
