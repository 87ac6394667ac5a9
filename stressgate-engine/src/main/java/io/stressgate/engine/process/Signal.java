package io.stressgate.engine.process;

import java.util.Locale;

/** The signals the tool sends, by their portable names. */
public enum Signal {
    TERM, KILL, INT, HUP, QUIT, STOP, CONT;

    /** Reads {@code TERM}, {@code SIGTERM} or {@code term}. */
    public static Signal parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        s = s.startsWith("SIG") ? s.substring(3) : s;
        for (Signal signal : values()) {
            if (signal.name().equals(s)) {
                return signal;
            }
        }
        throw new IllegalArgumentException("unknown signal \"" + text + "\" (known: TERM, KILL, INT, HUP, QUIT, STOP, CONT)");
    }
}
