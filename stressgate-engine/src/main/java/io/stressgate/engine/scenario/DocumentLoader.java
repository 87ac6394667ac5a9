package io.stressgate.engine.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a YAML or JSON document into a tree of {@link Node}s that remember their line, column and key path.
 * Type tags, anchors and aliases are refused (no object is ever built from a tag; no alias bomb can expand),
 * and size, depth and node-count limits hold before anything is built.
 */
public final class DocumentLoader {
    /** Largest scenario file accepted. */
    public static final int MAX_BYTES = 1 << 20;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_NODES = 100_000;

    private final Variables variables;
    private final YAMLFactory yaml;
    private final JsonFactory json;

    public DocumentLoader(Variables variables) {
        this.variables = variables;
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // duplicates are reported by this loader with their location
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_BYTES).maxNumberLength(100).build();
        this.yaml = YAMLFactory.builder().loaderOptions(options).streamReadConstraints(limits).build();
        this.json = JsonFactory.builder().streamReadConstraints(limits).build();
    }

    /**
     * Parses the text; returns the root node, or null when the document cannot be read at all (the reason is added
     * to {@code problems}). Variable problems are added too but do not stop the tree from being built.
     */
    public Node load(String file, String text, Problems problems) {
        if (text.length() > MAX_BYTES) {
            problems.add(Location.of(file), "", "the file is larger than " + MAX_BYTES + " characters");
            return null;
        }
        boolean isJson = file.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        try (JsonParser parser = isJson ? json.createParser(text) : yaml.createParser(text)) {
            Reader reader = new Reader(file, parser, problems);
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new Location(file, 1, 1), "", "the file is empty");
                return null;
            }
            Node root = reader.read("", 0);
            if (root != null && parser.nextToken() != null) {
                problems.add(reader.here(), "", "only one document is allowed per file");
            }
            return root;
        } catch (StreamConstraintsException e) {
            problems.add(Location.of(file), "", "the document is too large or too deeply nested: " + e.getOriginalMessage());
            return null;
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            problems.add(at == null ? Location.of(file) : new Location(file, at.getLineNr(), at.getColumnNr()), "",
                    "syntax error: " + firstLine(e.getOriginalMessage()));
            return null;
        } catch (IOException | RuntimeException e) {
            problems.add(Location.of(file), "", "cannot be read: " + firstLine(String.valueOf(e.getMessage())));
            return null;
        }
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Walks the token stream once; one instance per document. */
    private final class Reader {
        private final String file;
        private final JsonParser parser;
        private final Problems problems;
        private int nodes;

        Reader(String file, JsonParser parser, Problems problems) {
            this.file = file;
            this.parser = parser;
            this.problems = problems;
        }

        Location here() {
            JsonLocation at = parser.currentTokenLocation();
            return new Location(file, Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0));
        }

        Node read(String path, int depth) throws IOException {
            if (++nodes > MAX_NODES) {
                throw new StreamConstraintsException("more than " + MAX_NODES + " values");
            }
            Location at = here();
            if (refusesYamlFeature(path, at)) {
                parser.skipChildren();
                return new ScalarNode(at, path, "", ScalarNode.Kind.NULL);
            }
            JsonToken token = parser.currentToken();
            return switch (token) {
                case START_OBJECT -> readMap(path, at, depth);
                case START_ARRAY -> readList(path, at, depth);
                case VALUE_NULL -> new ScalarNode(at, path, "", ScalarNode.Kind.NULL);
                default -> scalar(path, at, token);
            };
        }

        private boolean refusesYamlFeature(String path, Location at) throws IOException {
            if (!(parser instanceof YAMLParser y)) {
                return false;
            }
            if (y.getTypeId() != null) {
                problems.add(at, path, "YAML type tags such as \"!" + y.getTypeId() + "\" are not allowed");
                return true;
            }
            if (y.isCurrentAlias() || y.getObjectId() != null) {
                problems.add(at, path, "YAML anchors and aliases (&name, *name) are not allowed");
                return true;
            }
            return false;
        }

        private ScalarNode scalar(String path, Location at, JsonToken token) throws IOException {
            String raw = parser.getText();
            boolean[] resolved = {true};
            String text = variables.substitute(raw, message -> {
                problems.add(at, path, message);
                resolved[0] = false;
            });
            ScalarNode.Kind kind = switch (token) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> ScalarNode.Kind.NUMBER;
                case VALUE_TRUE, VALUE_FALSE -> ScalarNode.Kind.BOOLEAN;
                default -> ScalarNode.Kind.STRING;
            };
            return new ScalarNode(at, path, text, text.equals(raw) ? kind : ScalarNode.Kind.STRING, resolved[0]);
        }

        private MapNode readMap(String path, Location at, int depth) throws IOException {
            Map<String, Node> entries = new LinkedHashMap<>();
            Map<String, Location> keys = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                Location keyAt = here();
                String childPath = path.isEmpty() ? key : path + "." + key;
                parser.nextToken();
                Node value = read(childPath, depth + 1);
                if (entries.containsKey(key)) {
                    problems.add(keyAt, childPath, "key \"" + key + "\" appears twice");
                } else {
                    entries.put(key, value);
                    keys.put(key, keyAt);
                }
            }
            return new MapNode(at, path, entries, keys);
        }

        private ListNode readList(String path, Location at, int depth) throws IOException {
            List<Node> items = new ArrayList<>();
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(path + "[" + index++ + "]", depth + 1));
            }
            return new ListNode(at, path, items);
        }
    }
}
