package io.stressgate.engine.load;

import io.stressgate.engine.result.ErrorKind;
import io.stressgate.engine.scenario.Body;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a redirect response leads: the next hop's request, or why it is not followed. 301 and 302 turn a POST
 * into a GET without body, 303 turns any method but HEAD into one; 307 and 308 keep method and body. A streamed
 * body (read from disk or generated as it goes out) is not sent twice, so a 307 or 308 after one is an error.
 */
record Redirect(CompiledRequest hop, ErrorKind refused, String why) {

    static boolean is(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * The hop after {@code sent} (sent by {@code it}) answered {@code status} with {@code location} (null when it
     * had none).
     */
    static Redirect next(CompiledRequest sent, Iteration it, int status, String location, ClientRules rules) {
        CompiledRequest root = sent.root;
        if (it.hops >= root.redirects) {
            return refused(ErrorKind.TOO_MANY_REDIRECTS, "more than " + root.redirects + " redirects");
        }
        if (location == null || location.isBlank()) {
            return refused(ErrorKind.REDIRECT_INVALID, status + " without a (single) Location");
        }
        URI to;
        try {
            to = new URI(sent.origin.uri + sent.target(it)).resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return refused(ErrorKind.REDIRECT_INVALID, "Location " + location + " is not a URL");
        }
        String scheme = to.getScheme() == null ? "" : to.getScheme();
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https") || to.getHost() == null
                || to.getRawUserInfo() != null) {
            return refused(ErrorKind.REDIRECT_INVALID, "Location " + location + " is not an http or https URL with a host");
        }
        String target = (to.getRawPath() == null || to.getRawPath().isEmpty() ? "/" : to.getRawPath())
                + (to.getRawQuery() == null ? "" : "?" + to.getRawQuery());
        if (!printable(target)) {
            return refused(ErrorKind.REDIRECT_INVALID, "Location " + location + " holds characters a request line cannot carry");
        }
        Origin origin = rules.origin(to);
        if (origin == null || !rules.allows(root.origin, origin)) {
            return refused(ErrorKind.REDIRECT_NOT_ALLOWED, "redirect to " + to + " leaves " + root.origin
                    + " for an origin options.allowedOrigins does not name");
        }
        String method = sent.spec.method();
        boolean body = !(sent.spec.body() instanceof Body.None);
        if (status == 303 && !method.equals("HEAD") || (status == 301 || status == 302) && method.equals("POST")) {
            method = "GET";
            body = false;
        }
        if (body && sent.spec.body() instanceof Body.Streamed) {
            return refused(ErrorKind.REDIRECT_INVALID, status + " asks to send the streamed body of " + root.spec.name()
                    + " again, which is not kept to be re-sent");
        }
        return new Redirect(rules.hop(root, method, body, origin, target, it.phase.flow.slots), null, null);
    }

    private static Redirect refused(ErrorKind kind, String why) {
        return new Redirect(null, kind, why);
    }

    private static boolean printable(String target) {
        for (int i = 0; i < target.length(); i++) {
            char ch = target.charAt(i);
            if (ch <= 0x20 || ch >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
