package io.stressgate.engine.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Reads the scenario's {@code tls:} block: CA bundle, client certificate, SNI name, versions and cipher suites, for
 * every https origin and per origin. Files are resolved like body files and read here, so a missing file, a wrong
 * password or a key that does not match its certificate is reported with the key that named it, with every other
 * problem of the scenario.
 */
final class TlsReader {
    private final Problems problems;
    private final BodyFiles files;
    private final SSLParameters offered;

    TlsReader(Problems problems, BodyFiles files) {
        this.problems = problems;
        this.files = files;
        try {
            this.offered = SSLContext.getDefault().getDefaultSSLParameters();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no TLS context", e);
        }
    }

    /** The block, or {@link TlsSpec#NONE} without one; {@code load} (null when unreadable) names the origins used. */
    TlsSpec read(Fields top, List<LoadPhase> load) {
        Node node = top.node("tls").orElse(null);
        Fields f = node == null ? null : Fields.of(node, problems);
        if (f == null) {
            return TlsSpec.NONE;
        }
        TlsOptions shared = options(f, TlsOptions.DEFAULTS);
        Map<String, TlsOptions> origins = new LinkedHashMap<>();
        f.node("origins").ifPresent(o -> origins(o, shared, load, origins));
        f.finish();
        return new TlsSpec(shared, origins);
    }

    private TlsOptions options(Fields f, TlsOptions inherited) {
        List<X509Certificate> trust = f.node("caBundle").map(this::caBundle).orElse(inherited.extraTrust());
        TlsOptions.ClientIdentity client = f.node("clientCert").map(this::clientCert).orElse(inherited.clientCert());
        String serverName = f.scalar("serverName", inherited.serverName(), TlsReader::serverName);
        List<String> versions = f.has("versions") ? names(f.node("versions").get(), "versions",
                List.of(offered.getProtocols())) : inherited.versions();
        List<String> suites = f.has("cipherSuites") ? names(f.node("cipherSuites").get(), "cipherSuites",
                List.of(offered.getCipherSuites())) : inherited.cipherSuites();
        if (!versions.isEmpty() && !suites.isEmpty() && suites.stream().noneMatch(s -> versions.stream().anyMatch(v -> fits(s, v)))) {
            Node at = f.node("cipherSuites").or(() -> f.node("versions")).orElse(f.node());
            problems.add(at, "none of the cipher suites " + suites + " can be used with versions " + versions
                    + " (TLS 1.3 uses only TLS_AES_* and TLS_CHACHA20_* suites, TLS 1.2 only the others)");
        }
        return new TlsOptions(trust, client, serverName, versions, suites);
    }

    private List<X509Certificate> caBundle(Node node) {
        Path file = file(node);
        return file == null ? List.of() : material(node, file, TlsMaterial::certificates, List.of());
    }

    private TlsOptions.ClientIdentity clientCert(Node node) {
        Fields c = Fields.of(node, problems);
        if (c == null) {
            return null;
        }
        boolean pkcs12 = c.has("pkcs12");
        boolean pem = c.has("cert") || c.has("key");
        TlsOptions.ClientIdentity identity = null;
        if (pkcs12 == pem) {
            problems.add(node, "clientCert needs either pkcs12 (with password) or cert and key (PEM), not "
                    + (pkcs12 ? "both" : "neither"));
        } else if (pkcs12) {
            Node fileNode = c.node("pkcs12").get();
            Path file = file(fileNode);
            String password = c.has("password") ? c.string("password", null) : "";
            if (file != null && password != null) {
                try {
                    identity = TlsMaterial.pkcs12(file, password);
                } catch (IllegalArgumentException e) {
                    Node at = e instanceof TlsMaterial.WrongPassword ? c.node("password").orElse(fileNode) : fileNode;
                    problems.add(at, e.getMessage());
                }
            }
        } else {
            identity = pemIdentity(c);
        }
        c.accept("password", "cert", "key", "pkcs12");
        c.finish();
        return identity;
    }

    private TlsOptions.ClientIdentity pemIdentity(Fields c) {
        Node certNode = c.required("cert", "the PEM certificate chain, leaf first");
        Node keyNode = c.required("key", "the PEM PKCS#8 private key of the chain's first certificate");
        if (c.has("password")) {
            problems.add(c.node().get("password"), "password goes with pkcs12; PEM keys are read unencrypted");
        }
        Path certFile = certNode == null ? null : file(certNode);
        Path keyFile = keyNode == null ? null : file(keyNode);
        List<X509Certificate> chain = certFile == null ? null : material(certNode, certFile, TlsMaterial::certificates, null);
        var key = keyFile == null ? null : material(keyNode, keyFile, TlsMaterial::privateKey, null);
        if (chain == null || key == null) {
            return null;
        }
        try {
            TlsMaterial.checkPair(key, chain.get(0), keyFile, certFile);
        } catch (IllegalArgumentException e) {
            problems.add(keyNode, e.getMessage());
            return null;
        }
        return new TlsOptions.ClientIdentity(key, chain, certFile + " and " + keyFile);
    }

    private void origins(Node node, TlsOptions shared, List<LoadPhase> load, Map<String, TlsOptions> out) {
        if (!(node instanceof MapNode map)) {
            problems.add(node, "origins must map \"https://host:port\" to TLS options, found " + node.kind());
            return;
        }
        Set<String> used = load == null ? null : usedOrigins(load);
        for (var entry : map.entries().entrySet()) {
            String key = origin(map, entry.getKey(), entry.getValue(), used);
            Fields o = Fields.of(entry.getValue(), problems);
            if (o == null) {
                continue;
            }
            TlsOptions options = options(o, shared);
            o.finish();
            if (key != null && out.putIfAbsent(key, options) != null) {
                problems.add(map.keyLocation(entry.getKey()), entry.getValue().path(), "origin " + key + " is named twice");
            }
        }
    }

    private String origin(MapNode map, String text, Node value, Set<String> used) {
        String message;
        try {
            URI uri = RequestReader.absoluteUrl(text);
            String rest = (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?");
            String key = TlsSpec.key(uri);
            if (!"https".equalsIgnoreCase(uri.getScheme())) {
                message = "\"" + text + "\" is not an https origin; TLS options apply to https only";
            } else if (!rest.isEmpty() && !rest.equals("/")) {
                message = "\"" + text + "\" is not an origin: write scheme, host and port only (" + key + ")";
            } else if (used != null && !used.contains(key)) {
                message = "no request of this scenario goes to " + key + " (https origins it requests: "
                        + (used.isEmpty() ? "none" : String.join(", ", used)) + ")";
            } else {
                return key;
            }
        } catch (IllegalArgumentException e) {
            message = e.getMessage();
        }
        problems.add(map.keyLocation(text), value.path(), message);
        return null;
    }

    private static Set<String> usedOrigins(List<LoadPhase> load) {
        Set<String> used = new TreeSet<>();
        for (LoadPhase p : load) {
            for (RequestSpec r : p.flow().requests()) {
                if ("https".equalsIgnoreCase(r.origin().getScheme())) {
                    used.add(TlsSpec.key(r.origin()));
                }
            }
        }
        return used;
    }

    /** Versions or suites: each must be one this JDK offers by default (it would fail every handshake otherwise). */
    private List<String> names(Node node, String key, List<String> known) {
        List<Node> items = node instanceof ListNode list ? list.items() : List.of(node);
        Set<String> names = new LinkedHashSet<>();
        for (Node item : items) {
            if (!(item instanceof ScalarNode s) || s.isNull()) {
                problems.add(item, key + " must be a list of names, found " + item.kind());
            } else if (!known.contains(s.text().trim())) {
                String hint = Fields.nearest(s.text().trim(), known).map(n -> "; did you mean " + n + "?").orElse("");
                problems.add(item, "\"" + s.text() + "\" is not " + (key.equals("versions") ? "a TLS version" : "a cipher suite")
                        + " this JDK enables" + hint + (key.equals("versions") ? " (enabled: " + String.join(", ", known) + ")" : ""));
            } else {
                names.add(s.text().trim());
            }
        }
        if (items.isEmpty()) {
            problems.add(node, key + " must name at least one; leave it out for the JDK's defaults");
        }
        return new ArrayList<>(names);
    }

    private static boolean fits(String suite, String version) {
        boolean tls13 = suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
        return version.equals("TLSv1.3") == tls13;
    }

    static String serverName(String text) {
        String name = text.trim();
        if (name.isEmpty() || name.contains(":") || name.matches("[0-9.]+")) {
            throw new IllegalArgumentException("serverName \"" + text + "\" must be a DNS host name (SNI cannot carry an IP address)");
        }
        try {
            new SNIHostName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("serverName \"" + text + "\" is not a valid host name: " + e.getMessage());
        }
        return name;
    }

    private Path file(Node node) {
        if (!(node instanceof ScalarNode scalar) || scalar.isNull()) {
            problems.add(node, "expected a file path, found " + node.kind());
            return null;
        }
        return scalar.resolved() ? files.confined(scalar, problems) : null;
    }

    private <T> T material(Node node, Path file, Function<Path, T> reader, T fallback) {
        try {
            return reader.apply(file);
        } catch (IllegalArgumentException e) {
            problems.add(node, e.getMessage());
            return fallback;
        }
    }
}
