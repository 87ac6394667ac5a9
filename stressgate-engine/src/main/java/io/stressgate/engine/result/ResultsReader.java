package io.stressgate.engine.result;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads results.json from an untrusted source (an agent, an upload): size, depth and length limits hold before
 * anything is built, the shape must be exact, and the figures must make sense. Every rejection names the JSON
 * pointer of the problem.
 */
public final class ResultsReader {
    /** The schema versions this reader accepts. */
    public static final List<String> SUPPORTED = List.of(RunResults.SCHEMA);
    private static final Set<String> REQUIRED = Set.of("schema", "runId", "scenario", "status", "verdict", "startedAt", "load");

    /** How much a results document may hold. */
    public record Limits(long maxBytes, int maxDepth, int maxStringLength, int maxListItems) {
        public static final Limits DEFAULT = new Limits(32L << 20, 24, 8 << 20, 100_000);
    }

    private final Limits limits;
    private final ObjectMapper mapper;
    private final ResultsScanner scanner;
    /** Reads one value of a document as a tree, leaving the parser on its last token for the next key. */
    private final ObjectReader treeReader;

    public ResultsReader(Limits limits) {
        this.limits = limits;
        this.mapper = ResultsJson.strictReader(limits.maxDepth(), limits.maxStringLength());
        this.treeReader = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.scanner = new ResultsScanner(mapper.getFactory(), limits.maxListItems());
    }

    public ResultsReader() {
        this(Limits.DEFAULT);
    }

    public Limits limits() {
        return limits;
    }

    /** Reads a file without following a symbolic link, refusing it when it is larger than the limit. */
    public RunResults read(Path file) throws ResultsException, IOException {
        if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ResultsException(ResultsException.Kind.MALFORMED, "", file + " is not a regular file");
        }
        if (Files.size(file) > limits.maxBytes()) {
            throw tooLarge(Files.size(file));
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return read(readAll(in, Files.size(file)));
        }
    }

    /**
     * The stream's bytes up to one past the limit, read into one array of the {@code expected} size: a stream of
     * unknown length is read in pieces that are copied together at the end, twice the bytes of a 5 MB shard in garbage.
     * A file that grew since its size was taken is read on, a file that shrank gives what it held.
     */
    byte[] readAll(InputStream in, long expected) throws IOException {
        int most = (int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1);
        byte[] bytes = new byte[(int) Math.min(expected, most)];
        int n = in.readNBytes(bytes, 0, bytes.length);
        if (n < bytes.length) {
            return Arrays.copyOf(bytes, n);
        }
        int next = n < most ? in.read() : -1;
        if (next < 0) {
            return bytes;
        }
        byte[] rest = in.readNBytes(most - n - 1);
        byte[] all = Arrays.copyOf(bytes, n + 1 + rest.length);
        all[n] = (byte) next;
        System.arraycopy(rest, 0, all, n + 1, rest.length);
        return all;
    }

    /** Reads at most the size limit from the stream; a longer stream is refused without reading it all. */
    public RunResults read(InputStream in) throws ResultsException, IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
        return read(bytes);
    }

    /**
     * Reads a results document: the time series (most of it) bound straight from the parser by {@link TimeSeriesReader},
     * everything else through a tree, checked and bound as before.
     */
    public RunResults read(byte[] bytes) throws ResultsException {
        if (bytes.length > limits.maxBytes()) {
            throw tooLarge(bytes.length);
        }
        Parts parts = parseParts(bytes);
        checkSchema(parts.rest());
        checkRequired(parts.rest(), RunResults.class, new Trail(), true);
        RunResults results = bind(parts.rest(), RunResults.class);
        if (parts.series() != null) {
            results = results.withTimeSeries(parts.series());
        }
        new ResultsValidator().validate(results);
        return results;
    }

    /** A results document as read: its time series bound, every other key as a tree. */
    private record Parts(ObjectNode rest, TimeSeries series) {
    }

    /**
     * Reads another document of the results family, such as a chaos event or an orphan scan, with the same limits
     * and strictness (exact shape, primitives required, list sizes); checking its content is the caller's part.
     */
    public <T> T readPart(byte[] bytes, Class<T> type) throws ResultsException {
        if (bytes.length > limits.maxBytes()) {
            throw tooLarge(bytes.length);
        }
        JsonNode tree = parseTree(bytes);
        checkRequired(tree, type, new Trail(), false);
        return bind(tree, type);
    }

    private <T> T bind(JsonNode tree, Class<T> type) throws ResultsException {
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new ResultsException(ResultsException.Kind.MALFORMED, pointer(e.getPath()), shortMessage(e));
        } catch (JacksonException e) {
            throw new ResultsException(ResultsException.Kind.MALFORMED, "", shortMessage(e));
        }
    }

    private ResultsException tooLarge(long size) {
        return new ResultsException(ResultsException.Kind.TOO_LARGE, "", "results of " + size
                + " bytes are larger than the limit of " + limits.maxBytes() + " bytes");
    }

    /**
     * Reads a whole results document in one pass, the scanner's checks applied token by token by a
     * {@link CheckingParser} as the tree of the rest and the time series are built: a list over the limit is refused
     * at its entry past the limit, as the scan before did, and a document of ASCII only is read from its bytes.
     */
    private Parts parseParts(byte[] bytes) throws ResultsException {
        ResultsScanner.Bytes look = ResultsScanner.look(bytes);
        boolean ascii = look != ResultsScanner.Bytes.NOT_ASCII;
        String text = ascii ? null : scanner.decode(bytes);
        boolean escapes = ascii ? look == ResultsScanner.Bytes.ASCII_WITH_ESCAPES : text.contains("\\u");
        try (JsonParser parser = new CheckingParser(ascii ? mapper.getFactory().createParser(bytes)
                : mapper.getFactory().createParser(text), scanner, escapes)) {
            // duplicates are refused by the tree reader, the series reader and the loop below, each without keeping a
            // set of every object's keys as the parser would
            parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ResultsException(ResultsException.Kind.MALFORMED, "", "results must be a JSON object");
            }
            ObjectNode rest = mapper.createObjectNode();
            TimeSeries series = null;
            boolean seenSeries = false;
            for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
                parser.nextToken();
                if (seenSeries && key.equals("timeSeries") || rest.has(key)) {
                    throw new ResultsException(ResultsException.Kind.MALFORMED, "/" + escape(key), "Duplicate field '" + truncate(key) + "'");
                }
                if (key.equals("timeSeries")) {
                    seenSeries = true;
                    series = TimeSeriesReader.read(parser);
                } else {
                    rest.set(key, treeReader.readTree(parser));
                }
            }
            if (parser.nextToken() != null) {
                throw new ResultsException(ResultsException.Kind.MALFORMED, "", "not valid JSON: more after the results object");
            }
            return new Parts(rest, series);
        } catch (CheckingParser.Refusal e) {
            throw e.refusal();
        } catch (StreamConstraintsException e) {
            throw new ResultsException(ResultsException.Kind.TOO_LARGE, "", e.getOriginalMessage());
        } catch (IOException e) {
            throw new ResultsException(ResultsException.Kind.MALFORMED, "", "not valid JSON: " + shortMessage(e));
        }
    }

    /**
     * Builds the tree only after the streaming checks, so no limit waits for a whole document in memory. A document
     * of ASCII only is checked and parsed from its bytes; any other is decoded strictly first.
     */
    private JsonNode parseTree(byte[] bytes) throws ResultsException {
        boolean ascii = ResultsScanner.isAscii(bytes);
        String text = ascii ? null : scanner.decode(bytes);
        if (ascii) {
            scanner.scanAscii(bytes);
        } else {
            scanner.scan(text);
        }
        try {
            JsonNode tree = ascii ? mapper.readTree(bytes) : mapper.readTree(text);
            if (tree == null || !tree.isObject()) {
                throw new ResultsException(ResultsException.Kind.MALFORMED, "", "results must be a JSON object");
            }
            return tree;
        } catch (StreamConstraintsException e) {
            throw new ResultsException(ResultsException.Kind.TOO_LARGE, "", e.getOriginalMessage());
        } catch (IOException e) {
            throw new ResultsException(ResultsException.Kind.MALFORMED, "", "not valid JSON: " + shortMessage(e));
        }
    }

    private static void checkSchema(JsonNode tree) throws ResultsException {
        JsonNode schema = tree.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw new ResultsException(ResultsException.Kind.MALFORMED, "/schema", "missing; expected one of " + SUPPORTED);
        }
        if (!SUPPORTED.contains(schema.asText())) {
            throw new ResultsException(ResultsException.Kind.UNSUPPORTED_VERSION, "/schema", "\"" + truncate(schema.asText())
                    + "\" is not a supported version; supported: " + String.join(", ", SUPPORTED));
        }
    }

    /** Primitive fields of every record are required (a missing count must not read as 0), plus the top-level keys. */
    private static void checkRequired(JsonNode node, Class<?> type, Trail trail, boolean top) throws ResultsException {
        if (!type.isRecord() || node == null || !node.isObject()) {
            return;
        }
        for (Component component : COMPONENTS.get(type)) {
            JsonNode value = node.get(component.name());
            if (value == null || value.isNull()) {
                if (component.primitive() || top && REQUIRED.contains(component.name())) {
                    throw new ResultsException(ResultsException.Kind.MALFORMED, trail.pointer(component.name()), "required field is missing");
                }
                continue;
            }
            trail.push(component.name());
            descend(value, component.type(), trail);
            trail.pop();
        }
    }

    private static void descend(JsonNode value, Type type, Trail trail) throws ResultsException {
        if (type instanceof Class<?> c) {
            checkRequired(value, c, trail, false);
        } else if (type instanceof ParameterizedType p) {
            Type element = p.getActualTypeArguments()[p.getActualTypeArguments().length - 1];
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    trail.push(i);
                    descend(value.get(i), element, trail);
                    trail.pop();
                }
            } else if (value.isObject() && Map.class.isAssignableFrom((Class<?>) p.getRawType())) {
                Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> e = fields.next();
                    trail.push(e.getKey());
                    descend(e.getValue(), element, trail);
                    trail.pop();
                }
            }
        }
    }

    /** A record component as the checks need it, looked up once per record type. */
    private record Component(String name, boolean primitive, Type type) {
    }

    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents())
                    .map(c -> new Component(c.getName(), c.getType().isPrimitive(), c.getGenericType())).toList();
        }
    };

    /**
     * Where the checks are in the document: the keys and indexes down to the current node. Only a problem turns it
     * into a JSON pointer, so walking a large document builds no strings.
     */
    private static final class Trail {
        private final ArrayDeque<Object> segments = new ArrayDeque<>();

        void push(Object segment) {
            segments.addLast(segment);
        }

        void pop() {
            segments.removeLast();
        }

        /** The pointer of the current node, or of its child {@code last} when that is not null. */
        String pointer(String last) {
            StringBuilder out = new StringBuilder();
            for (Object s : segments) {
                out.append('/').append(s instanceof String key ? escape(key) : s);
            }
            if (last != null) {
                out.append('/').append(escape(last));
            }
            return out.toString();
        }
    }

    static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            out.append('/').append(ref.getFieldName() != null ? escape(ref.getFieldName()) : String.valueOf(ref.getIndex()));
        }
        return out.toString();
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String shortMessage(Exception e) {
        String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
        message = String.valueOf(message);
        int nl = message.indexOf('\n');
        return truncate(nl < 0 ? message : message.substring(0, nl));
    }

    private static String truncate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
