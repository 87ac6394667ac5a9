package io.stressgate.engine.step;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** A command given as an argument list (never a shell string): checked, and written as the JSON array the CLI takes. */
final class CommandList {
    static final int MAX_ARGS = 64;
    static final int MAX_ARG = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandList() {
    }

    /** The command as strings, or null with a problem; a list of one string is not split on spaces. */
    static List<String> parse(String parameter, List<?> given, ArgumentProblems problems) {
        if (given.isEmpty()) {
            problems.add(parameter, "is an empty command");
            return null;
        }
        if (given.size() > MAX_ARGS) {
            problems.add(parameter, given.size() + " arguments are more than the limit of " + MAX_ARGS);
            return null;
        }
        List<String> out = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            Object arg = given.get(i);
            String where = parameter + "[" + i + "]";
            if (!(arg instanceof CharSequence || arg instanceof Number)) {
                problems.add(where, arg == null ? "is null" : "must be text, not a " + arg.getClass().getSimpleName());
                return null;
            }
            String text = arg.toString();
            if (text.length() > MAX_ARG || text.indexOf('\0') >= 0 || i == 0 && text.isBlank()) {
                problems.add(where, text.isBlank() ? "names no program" : "is longer than " + MAX_ARG
                        + " characters or contains a NUL character");
                return null;
            }
            out.add(text);
        }
        return List.copyOf(out);
    }

    static String toJson(List<String> command) {
        try {
            return JSON.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + command.size() + " strings as JSON", e);
        }
    }
}
