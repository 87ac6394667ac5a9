package io.stressgate.engine.scenario;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the {@code compression}, {@code proxy} and {@code noProxy} keys of a scenario's {@code options}. */
final class TransportReader {
    /** What a scenario may ask for; br is refused with its own reason. */
    private static final List<String> CODINGS = List.of("gzip", "deflate");
    private static final List<String> NO_PROXY_WORDS = List.of("none", "direct", "off", "false", "no");

    private final Problems problems;

    TransportReader(Problems problems) {
        this.problems = problems;
    }

    TransportOptions read(Fields options) {
        List<String> compression = compression(options.node("compression"));
        boolean proxySet = options.has("proxy");
        URI proxy = proxySet ? options.scalar("proxy", null, TransportReader::proxy) : null;
        List<String> noProxy = options.has("noProxy") ? noProxy(options.list("noProxy")) : null;
        return new TransportOptions(compression, proxySet, proxy, noProxy);
    }

    private List<String> compression(Optional<Node> node) {
        if (node.isEmpty()) {
            return TransportOptions.DEFAULT_COMPRESSION;
        }
        if (node.get() instanceof ScalarNode s && s.resolved() && isBool(s.text())) {
            return Fields.parseBool(s.text()) ? TransportOptions.DEFAULT_COMPRESSION : List.of();
        }
        List<Node> items = node.get() instanceof ListNode list ? list.items() : List.of(node.get());
        List<String> codings = new ArrayList<>();
        for (Node item : items) {
            if (!(item instanceof ScalarNode s)) {
                problems.add(item, "expected a coding (gzip or deflate), found " + item.kind());
                continue;
            }
            if (!s.resolved()) {
                continue; // the missing variable is already reported
            }
            String coding = s.text().trim().toLowerCase(Locale.ROOT);
            if (coding.equals("br")) {
                problems.add(item, "br (Brotli) is not supported: Maven Central has no maintained Java Brotli decoder"
                        + " (org.brotli:dec was last released in 2017); ask for gzip and/or deflate");
            } else if (!CODINGS.contains(coding)) {
                problems.add(item, "\"" + s.text() + "\" is not a coding the client decodes (gzip, deflate)");
            } else if (codings.contains(coding)) {
                problems.add(item, coding + " is listed twice");
            } else {
                codings.add(coding);
            }
        }
        return codings;
    }

    private static boolean isBool(String text) {
        try {
            Fields.parseBool(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A proxy URL, or null for one of the words that mean "no proxy, whatever the environment says". */
    private static URI proxy(String text) {
        if (NO_PROXY_WORDS.contains(text.trim().toLowerCase(Locale.ROOT))) {
            return null;
        }
        return TransportOptions.proxyUrl(text);
    }

    private List<String> noProxy(List<Node> items) {
        List<String> hosts = new ArrayList<>();
        for (Node item : items) {
            if (!(item instanceof ScalarNode s)) {
                problems.add(item, "expected a host name, a .domain, an IP address or *, found " + item.kind());
                continue;
            }
            if (!s.resolved()) {
                continue;
            }
            String host = s.text().trim().toLowerCase(Locale.ROOT);
            if (host.isEmpty() || host.contains("://") || host.contains("/") || host.chars().anyMatch(Character::isWhitespace)) {
                problems.add(item, "\"" + s.text() + "\" is not a host name, a .domain, an IP address or *");
            } else {
                hosts.add(host);
            }
        }
        return hosts;
    }
}
