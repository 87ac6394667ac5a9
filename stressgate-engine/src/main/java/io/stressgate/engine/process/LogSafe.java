package io.stressgate.engine.process;

/**
 * Makes text from outside (command lines read from /proc, commands from scenarios, file names) safe for one log
 * line: control characters such as newlines and terminal escapes are shown as {@code \n} or {@code \u001B}, so a
 * process cannot forge log lines through its own command line.
 */
public final class LogSafe {
    private static final int MAX = 2000;

    private LogSafe() {
    }

    public static String text(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX) + 16);
        for (int i = 0; i < s.length() && out.length() < MAX; i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return s.length() > MAX && out.length() >= MAX ? out + "..." : out.toString();
    }
}
