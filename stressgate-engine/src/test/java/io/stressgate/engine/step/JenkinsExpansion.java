package io.stressgate.engine.step;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Jenkins does to every argument and environment value before it starts a process, written from the behaviour
 * of core's {@code hudson.Util.replaceMacro} (read in jenkinsci/jenkins core/src/main/java/hudson/Util.java): it
 * replaces {@code $NAME} and {@code ${NAME}} with known variables, leaves unknown ones, and turns {@code $$} into {@code $}.
 */
final class JenkinsExpansion {
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z0-9_]+|\\{[A-Za-z0-9_.]+}|\\$)");

    private JenkinsExpansion() {
    }

    static String expand(String text, Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        Matcher m = VARIABLE.matcher(text);
        int at = 0;
        while (m.find(at)) {
            String key = m.group(1);
            String value = key.equals("$") ? "$" : env.get(key.startsWith("{") ? key.substring(1, key.length() - 1) : key);
            out.append(text, at, m.start()).append(value == null ? m.group() : value);
            at = m.end();
        }
        return out.append(text.substring(at)).toString();
    }
}
