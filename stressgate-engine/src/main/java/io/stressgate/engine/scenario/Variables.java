package io.stressgate.engine.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values for {@code ${NAME}} placeholders: those given on the command line win over the environment.
 * {@code $${NAME}} stays as the literal text {@code ${NAME}}.
 */
public final class Variables {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\$?)\\{([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> given;
    private final Map<String, String> environment;

    public Variables(Map<String, String> given, Map<String, String> environment) {
        this.given = Map.copyOf(given);
        this.environment = Map.copyOf(environment);
    }

    /** Variables taken from the command line only, with no environment. */
    public static Variables of(Map<String, String> given) {
        return new Variables(given, Map.of());
    }

    /** Replaces every placeholder in the text; calls {@code problem} for each one that cannot be resolved. */
    public String substitute(String text, Consumer<String> problem) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = "${" + name + "}";
            } else if (!NAME.matcher(name).matches()) {
                problem.accept("\"${" + name + "}\" is not a valid variable name (letters, digits and _; not starting with a digit)");
                replacement = m.group();
            } else if (given.containsKey(name)) {
                replacement = given.get(name);
            } else if (environment.containsKey(name)) {
                replacement = environment.get(name);
            } else {
                problem.accept("variable ${" + name + "} is not set; pass --var " + name + "=... or set it in the environment");
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The variables given explicitly, for the record of a run. */
    public Map<String, String> given() {
        return new LinkedHashMap<>(given);
    }
}
