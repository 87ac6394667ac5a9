package io.stressgate.engine.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text with {@code {{name}}} placeholders filled in while the load runs: values extracted from earlier responses
 * of the same iteration, and the built-ins {@code vu}, {@code iteration} and {@code uuid}. A template without
 * placeholders is static and is encoded once.
 */
public record Template(String text, List<String> literals, List<String> names) {
    /** Placeholders every iteration provides. */
    public static final Set<String> BUILT_INS = Set.of("vu", "iteration", "uuid");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    public Template {
        literals = List.copyOf(literals);
        names = List.copyOf(names);
    }

    /** Splits text into literal parts and placeholder names. */
    public static Template parse(String text) {
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            literals.add(text.substring(last, m.start()));
            names.add(m.group(1));
            last = m.end();
        }
        literals.add(text.substring(last));
        return new Template(text, literals, names);
    }

    public static Template literal(String text) {
        return new Template(text, List.of(text), List.of());
    }

    public boolean isStatic() {
        return names.isEmpty();
    }

    public Set<String> placeholders() {
        return new LinkedHashSet<>(names);
    }

    /** Appends the text with each placeholder replaced by {@code values.lookup(name)}. */
    public void render(StringBuilder out, Lookup values) {
        for (int i = 0; i < names.size(); i++) {
            out.append(literals.get(i));
            out.append(values.lookup(names.get(i)));
        }
        out.append(literals.get(literals.size() - 1));
    }

    /** Where placeholder values come from while rendering. */
    @FunctionalInterface
    public interface Lookup {
        CharSequence lookup(String name);
    }
}
