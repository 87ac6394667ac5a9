package io.stressgate.engine.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the requests of a flow, filling in the scenario's defaults and checking every placeholder. */
final class RequestReader {
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._:@-]{0,63}");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");
    private static final JsonFactory JSON = new JsonFactory();

    private final Problems problems;
    private final URI target;
    private final Node targetNode;
    private final RequestDefaults defaults;
    private final BodyFiles files;
    private final ScenarioLimits limits;

    RequestReader(Problems problems, URI target, Node targetNode, RequestDefaults defaults, BodyFiles files, ScenarioLimits limits) {
        this.problems = problems;
        this.target = target;
        this.targetNode = targetNode;
        this.defaults = defaults;
        this.files = files;
        this.limits = limits;
    }

    /** Values every request gets unless it says otherwise. */
    record RequestDefaults(List<RequestSpec.Header> headers, Duration timeout, Duration connectTimeout,
                           StatusSet expect, long maxResponseBytes) {
        static final RequestDefaults BUILT_IN = new RequestDefaults(List.of(), Duration.ofSeconds(10),
                Duration.ofSeconds(5), StatusSet.DEFAULT, 10L << 20);
    }

    /**
     * Reads one request; {@code available} are the placeholders earlier steps provide. Returns null when the node
     * is not a mapping (after reporting).
     */
    RequestSpec read(Node node, String defaultName, Set<String> available) {
        Fields f = Fields.of(node, problems);
        if (f == null) {
            return null;
        }
        String name = f.scalar("name", defaultName, RequestReader::name);
        String method = f.scalar("method", "GET", m -> {
            String upper = m.trim().toUpperCase(Locale.ROOT);
            if (!METHODS.contains(upper)) {
                throw new IllegalArgumentException("\"" + m + "\" is not an HTTP method (" + String.join(", ", METHODS) + ")");
            }
            return upper;
        });
        URI origin = target;
        String path = "/";
        if (f.has("url") && f.has("path")) {
            problems.add(node, "give either \"url\" or \"path\", not both");
        }
        if (f.has("url")) {
            URI url = f.scalar("url", null, RequestReader::absoluteUrl);
            if (url != null) {
                origin = origin(url);
                path = rawPathAndQuery(url);
            }
        } else {
            path = f.scalar("path", "/", p -> {
                if (!p.startsWith("/")) {
                    throw new IllegalArgumentException("path \"" + p + "\" must start with /");
                }
                return p;
            });
            if (target == null && targetNode == null) {
                problems.add(node, "a request with a path needs \"target\" at the top of the scenario (or give \"url\")");
            }
            path = basePath() + path;
        }
        path = appendQuery(path, f);
        Node pathNode = f.node().get(f.has("url") ? "url" : "path");
        Template pathTemplate = template(pathNode, path, available);
        checkRequestTarget(pathTemplate, pathNode == null ? node : pathNode);
        List<RequestSpec.Header> headers = headers(f, available);
        Body body = body(f, available);
        Duration timeout = f.scalar("timeout", defaults.timeout(), this::timeout);
        Duration connectTimeout = f.scalar("connectTimeout", defaults.connectTimeout(), this::timeout);
        if (!f.has("connectTimeout") && connectTimeout != null && timeout != null && connectTimeout.compareTo(timeout) > 0) {
            connectTimeout = timeout; // the default connect timeout never outlasts a short request timeout
        } else if (connectTimeout != null && timeout != null && connectTimeout.compareTo(timeout) > 0) {
            problems.add(node, "connectTimeout " + Quantities.format(connectTimeout) + " is longer than timeout "
                    + Quantities.format(timeout) + ", which already includes connecting");
        }
        StatusSet expect = f.has("expect") ? statuses(f.list("expect")) : defaults.expect();
        long maxResponse = f.scalar("maxResponseSize", defaults.maxResponseBytes(), this::size);
        Map<String, String> extract = extract(f);
        List<CheckSpec> checks = new CheckReader(problems, this).read(f.list("checks"), f.node().get("checks"));
        int redirects = f.scalar("redirects", RequestSpec.DEFAULT_REDIRECTS, ClientOptionsReader::redirects);
        f.finish();
        return new RequestSpec(name, method, origin, pathTemplate, headers, body, timeout, connectTimeout,
                expect == null ? StatusSet.DEFAULT : expect, maxResponse, extract, checks, redirects, node.location());
    }

    static String name(String text) {
        if (!NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("name \"" + text + "\" must start with a letter and hold only letters, digits and . _ : @ - (at most 64)");
        }
        if (text.equals("all")) {
            throw new IllegalArgumentException("\"all\" is reserved for the totals; choose another name");
        }
        return text;
    }

    static URI absoluteUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not an http:// or https:// URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("\"" + text + "\": put credentials in a header, not in the URL");
        }
        return uri;
    }

    static URI origin(URI url) {
        int port = url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return URI.create(url.getScheme().toLowerCase(Locale.ROOT) + "://" + hostForUri(url.getHost()) + ":" + port);
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String rawPathAndQuery(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    private String basePath() {
        if (target == null || target.getRawPath() == null) {
            return "";
        }
        String base = target.getRawPath();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private String appendQuery(String path, Fields f) {
        Node query = f.node("query").orElse(null);
        if (query == null) {
            return path;
        }
        Fields q = Fields.of(query, problems);
        if (q == null) {
            return path;
        }
        StringBuilder out = new StringBuilder(path);
        char separator = path.contains("?") ? '&' : '?';
        for (var entry : q.node().entries().entrySet()) {
            q.accept(entry.getKey());
            String value = q.convert(entry.getValue(), "", v -> v);
            out.append(separator).append(encodeKeepingPlaceholders(entry.getKey())).append('=')
                    .append(encodeKeepingPlaceholders(value));
            separator = '&';
        }
        return out.toString();
    }

    private static String encodeKeepingPlaceholders(String text) {
        Template t = Template.parse(text);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < t.names().size(); i++) {
            out.append(URLEncoder.encode(t.literals().get(i), StandardCharsets.UTF_8)).append("{{").append(t.names().get(i)).append("}}");
        }
        return out.append(URLEncoder.encode(t.literals().get(t.literals().size() - 1), StandardCharsets.UTF_8)).toString();
    }

    /**
     * Refuses a literal path or query the request line cannot carry as written: a CR, LF or space would end it (and
     * could start a second request), and any other byte outside RFC 3986 is sent raw. Placeholders are exempt: their
     * values are percent-encoded when the request is sent.
     */
    private void checkRequestTarget(Template t, Node at) {
        for (String literal : t.literals()) {
            String bad = RequestTargets.firstInvalid(literal);
            if (bad != null) {
                problems.add(at, bad + " cannot appear in a path or query as written (RFC 3986); percent-encode it");
                return;
            }
        }
    }

    private Template template(Node at, String text, Set<String> available) {
        Template t = Template.parse(text);
        for (String name : t.placeholders()) {
            if (!available.contains(name)) {
                problems.add(at == null ? targetNode : at, "placeholder {{" + name + "}} is not extracted by an earlier request"
                        + " (available: " + String.join(", ", new java.util.TreeSet<>(available)) + ")");
            }
        }
        return t;
    }

    private List<RequestSpec.Header> headers(Fields f, Set<String> available) {
        Map<String, RequestSpec.Header> headers = new LinkedHashMap<>();
        defaults.headers().forEach(h -> headers.put(h.name().toLowerCase(Locale.ROOT), h));
        f.node("headers").ifPresent(node -> {
            for (RequestSpec.Header h : readHeaders(node, available)) {
                headers.put(h.name().toLowerCase(Locale.ROOT), h);
            }
        });
        return new ArrayList<>(headers.values());
    }

    List<RequestSpec.Header> readHeaders(Node node, Set<String> available) {
        Fields h = Fields.of(node, problems);
        List<RequestSpec.Header> list = new ArrayList<>();
        if (h == null) {
            return list;
        }
        for (var entry : h.node().entries().entrySet()) {
            h.accept(entry.getKey());
            String key = entry.getKey();
            if (!HEADER_NAME.matcher(key).matches()) {
                problems.add(entry.getValue(), "\"" + key + "\" is not a valid header name");
                continue;
            }
            if (Set.of("host", "content-length", "transfer-encoding", "connection").contains(key.toLowerCase(Locale.ROOT))) {
                problems.add(entry.getValue(), "header \"" + key + "\" is set by the load generator itself");
                continue;
            }
            String value = h.convert(entry.getValue(), "", v -> {
                if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("header values may not hold line breaks or NUL");
                }
                return v;
            });
            list.add(new RequestSpec.Header(key, template(entry.getValue(), value, available)));
        }
        return list;
    }

    private Body body(Fields f, Set<String> available) {
        List<String> given = new ArrayList<>();
        for (String key : List.of("json", "body", "bodyFile", "multipart", "bodySize")) {
            if (f.has(key)) {
                given.add(key);
            }
        }
        String contentType = f.string("contentType", null);
        if (given.size() > 1) {
            problems.add(f.node(), "give only one of " + String.join(", ", given));
        }
        if (given.isEmpty()) {
            if (contentType != null) {
                problems.add(f.node(), "contentType without a body");
            }
            return Body.NONE;
        }
        Node node = f.node(given.get(0)).orElseThrow();
        return switch (given.get(0)) {
            case "json" -> new Body.Text(template(node, toJson(node), available), contentType == null ? "application/json" : contentType,
                    true);
            case "body" -> new Body.Text(template(node, f.convert(node, "", v -> v), available),
                    contentType == null ? "text/plain; charset=utf-8" : contentType);
            case "bodyFile" -> assemble(List.of(readFile(node)), contentType == null ? "application/octet-stream" : contentType);
            case "bodySize" -> generated(f.scalar("bodySize", 0L, this::generatedSize), contentType);
            default -> multipart(node);
        };
    }

    private Body.Piece readFile(Node node) {
        if (!(node instanceof ScalarNode scalar)) {
            problems.add(node, "expected a file path");
            return new Body.Fixed(new byte[0]);
        }
        Body.Piece piece = files.read(scalar, problems);
        return piece == null ? new Body.Fixed(new byte[0]) : piece;
    }

    /** Filler bytes of the given size: generated once when small, else generated as they are sent. */
    private static Body generated(long size, String contentType) {
        String type = contentType == null ? "application/octet-stream" : contentType;
        if (size > Body.STREAM_ABOVE) {
            return new Body.Streamed(List.of(new Body.Filler(size)), type);
        }
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate((int) size);
        FillerBytes.put(bytes, 0, (int) size);
        return new Body.Bytes(bytes.array(), type);
    }

    private long generatedSize(String text) {
        long bytes = Quantities.bytes(text);
        if (bytes < 1 || bytes > limits.maxGeneratedBodyBytes()) {
            throw new IllegalArgumentException("size " + text + " must be between 1B and "
                    + Quantities.formatBytes(limits.maxGeneratedBodyBytes()));
        }
        return bytes;
    }

    /** One byte array when every piece is in memory, else a streamed body (adjacent in-memory pieces joined). */
    private static Body assemble(List<Body.Piece> pieces, String contentType) {
        List<Body.Piece> joined = new ArrayList<>();
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (Body.Piece piece : pieces) {
            if (piece instanceof Body.Fixed fixed) {
                run.writeBytes(fixed.data());
            } else {
                if (run.size() > 0) {
                    joined.add(new Body.Fixed(run.toByteArray()));
                    run.reset();
                }
                joined.add(piece);
            }
        }
        if (joined.isEmpty()) {
            return new Body.Bytes(run.toByteArray(), contentType);
        }
        if (run.size() > 0) {
            joined.add(new Body.Fixed(run.toByteArray()));
        }
        return new Body.Streamed(joined, contentType);
    }

    /** The file name a multipart part announces: the path's last part, or "file" for a path that is not one. */
    private static String partFileName(Node file) {
        if (!(file instanceof ScalarNode s)) {
            return "file";
        }
        try {
            Path name = Path.of(s.text()).getFileName();
            return name == null ? "file" : name.toString().replace("\"", "");
        } catch (java.nio.file.InvalidPathException e) {
            return "file"; // readFile reports the path itself
        }
    }

    private Body multipart(Node node) {
        String boundary = "stressgate-" + Integer.toHexString(node.path().hashCode()) + "-boundary";
        List<Body.Piece> out = new ArrayList<>();
        List<Node> parts = node instanceof ListNode list ? list.items() : List.of(node);
        for (Node part : parts) {
            Fields p = Fields.of(part, problems);
            if (p == null) {
                continue;
            }
            String name = p.scalar("name", "file", v -> v.replace("\"", ""));
            String header = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
            Body.Piece data;
            if (p.has("file")) {
                Node file = p.node("file").orElseThrow();
                String fileName = partFileName(file);
                data = readFile(file);
                header += "; filename=\"" + fileName + "\"\r\nContent-Type: " + p.string("contentType", "application/octet-stream");
            } else {
                data = new Body.Fixed(p.scalar("value", "", v -> v).getBytes(StandardCharsets.UTF_8));
                p.accept("contentType");
            }
            p.finish();
            out.add(new Body.Fixed((header + "\r\n\r\n").getBytes(StandardCharsets.UTF_8)));
            out.add(data);
            out.add(new Body.Fixed("\r\n".getBytes(StandardCharsets.UTF_8)));
        }
        out.add(new Body.Fixed(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8)));
        return assemble(out, "multipart/form-data; boundary=" + boundary);
    }

    private Duration timeout(String text) {
        Duration d = Quantities.duration(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("a timeout of 0 would fail every request");
        }
        if (d.compareTo(limits.maxTimeout()) > 0) {
            throw new IllegalArgumentException("timeout " + text + " is longer than the limit " + Quantities.format(limits.maxTimeout()));
        }
        return d;
    }

    private long size(String text) {
        long bytes = Quantities.bytes(text);
        if (bytes < 1 || bytes > limits.maxBodyBytes()) {
            throw new IllegalArgumentException("size " + text + " must be between 1B and " + Quantities.formatBytes(limits.maxBodyBytes()));
        }
        return bytes;
    }

    StatusSet statuses(List<Node> nodes) {
        List<String> entries = new ArrayList<>();
        for (Node n : nodes) {
            if (n instanceof ScalarNode s && !s.isNull()) {
                entries.add(s.text());
            } else {
                problems.add(n, "expected a status such as 200 or 2xx");
            }
        }
        try {
            return StatusSet.parse(entries);
        } catch (IllegalArgumentException e) {
            problems.add(nodes.isEmpty() ? targetNode : nodes.get(0), e.getMessage());
            return null;
        }
    }

    private Map<String, String> extract(Fields f) {
        Map<String, String> extract = new LinkedHashMap<>();
        f.node("extract").ifPresent(node -> {
            Fields e = Fields.of(node, problems);
            if (e == null) {
                return;
            }
            for (var entry : e.node().entries().entrySet()) {
                e.accept(entry.getKey());
                if (!entry.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") || Template.BUILT_INS.contains(entry.getKey())) {
                    problems.add(entry.getValue(), "\"" + entry.getKey() + "\" cannot be used as a placeholder name");
                    continue;
                }
                String pointer = e.convert(entry.getValue(), null, RequestReader::pointer);
                if (pointer != null) {
                    extract.put(entry.getKey(), pointer);
                }
            }
        });
        return extract;
    }

    /** Reads {@code /a/b}, {@code a.b} or {@code $.a.b} as the JSON pointer {@code /a/b}. */
    static String pointer(String text) {
        String s = text.trim();
        if (s.startsWith("$.")) {
            s = s.substring(2);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty JSON path");
        }
        if (!s.startsWith("/")) {
            s = "/" + s.replace('.', '/');
        }
        if (s.matches(".*~([^01].*|)")) {
            throw new IllegalArgumentException("\"" + text + "\" is not a JSON pointer: ~ must be followed by 0 (for ~) or 1 (for /)");
        }
        try {
            com.fasterxml.jackson.core.JsonPointer.compile(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a JSON pointer: " + e.getMessage());
        }
        return s;
    }

    private static String toJson(Node node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writeJson(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeJson(JsonGenerator g, Node node) throws IOException {
        if (node instanceof MapNode map) {
            g.writeStartObject();
            for (var entry : map.entries().entrySet()) {
                g.writeFieldName(entry.getKey());
                writeJson(g, entry.getValue());
            }
            g.writeEndObject();
        } else if (node instanceof ListNode list) {
            g.writeStartArray();
            for (Node item : list.items()) {
                writeJson(g, item);
            }
            g.writeEndArray();
        } else if (node instanceof ScalarNode s) {
            switch (s.type()) {
                case NULL -> g.writeNull();
                case NUMBER -> g.writeNumber(s.text());
                case BOOLEAN -> g.writeBoolean(Fields.parseBool(s.text()));
                default -> g.writeString(s.text());
            }
        }
    }
}
