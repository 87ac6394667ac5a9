package io.stressgate.engine.scenario;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the gates file of an imported run, YAML (or JSON by extension) with the keys {@code gates} (as in a scenario),
 * {@code name} and {@code description}, and reports every problem at once with its file, line and key: a gate on a
 * metric an imported run cannot have (queues, processes, chaos) is one.
 */
public final class GatesFileLoader {
    private final Variables variables;
    private final ScenarioLimits limits;

    public GatesFileLoader(Variables variables, ScenarioLimits limits) {
        this.variables = variables;
        this.limits = limits;
    }

    public GatesFile load(Path file) throws ScenarioException {
        String name = file.toString();
        byte[] bytes = ScenarioLoader.readCapped(file);
        String text = ScenarioLoader.utf8(name, bytes);
        return parse(name, text, ScenarioLoader.sha256(bytes));
    }

    /** Parses gates-file text named {@code fileName} in messages. */
    public GatesFile parse(String fileName, String text) throws ScenarioException {
        return parse(fileName, text, ScenarioLoader.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    private GatesFile parse(String fileName, String text, String sha) throws ScenarioException {
        Problems problems = new Problems();
        Node root = new DocumentLoader(variables).load(fileName, text, problems);
        Fields f = root == null ? null : Fields.of(root, problems);
        GatesFile gates = null;
        if (f != null) {
            String name = f.scalar("name", null, ScenarioReader::displayName);
            String description = f.scalar("description", "", ScenarioReader::displayText);
            if (!f.has("gates")) {
                problems.add(f.node(), "\"gates\" is required: the gates to evaluate, e.g. [\"http.p95 < 500ms\"]");
            }
            List<GateSpec> list = new GateReader(problems, limits).readImported(f);
            f.finish();
            gates = new GatesFile(name, description, list, fileName, sha);
        }
        problems.throwIfAny(fileName);
        if (gates == null) {
            throw ScenarioLoader.single(fileName, "the gates file could not be read");
        }
        return gates;
    }
}
