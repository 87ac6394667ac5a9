package io.stressgate.engine.metrics;

/** Reads numeric fields from the text Redis returns for {@code INFO}: {@code name:value} lines. */
final class RedisInfo {
    private RedisInfo() {
    }

    /** The field's value, or {@code NaN} when the text has no such field or it is not a number. */
    static double field(String info, String name) {
        if (info == null) {
            return Double.NaN;
        }
        int at = 0;
        while (true) {
            at = info.indexOf(name, at);
            if (at < 0) {
                return Double.NaN;
            }
            int colon = at + name.length();
            boolean lineStart = at == 0 || info.charAt(at - 1) == '\n';
            if (lineStart && colon < info.length() && info.charAt(colon) == ':') {
                int end = colon + 1;
                while (end < info.length() && info.charAt(end) != '\r' && info.charAt(end) != '\n') {
                    end++;
                }
                try {
                    return Double.parseDouble(info.substring(colon + 1, end));
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
            at = colon;
        }
    }
}
