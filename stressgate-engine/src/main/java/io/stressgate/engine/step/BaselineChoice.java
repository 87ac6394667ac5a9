package io.stressgate.engine.step;

import java.util.Locale;

/**
 * Which earlier run a step's run is compared with for regressions: the last passed runs of the same scenario (how
 * many is the regression policy's), the run of one pinned build, or none.
 */
public record BaselineChoice(Kind kind, long build) {
    /** How the baseline is chosen. */
    public enum Kind { LAST_PASSED, BUILD, NONE }

    /** The default: the last passed runs. */
    public static final BaselineChoice LAST_PASSED = new BaselineChoice(Kind.LAST_PASSED, 0);
    public static final BaselineChoice NONE = new BaselineChoice(Kind.NONE, 0);

    /** A pinned build. */
    public static BaselineChoice build(long number) {
        return new BaselineChoice(Kind.BUILD, number);
    }

    /** Reads {@code lastPassed}, {@code none} or a build number; null or blank means {@code lastPassed}. */
    static BaselineChoice parse(String text, ArgumentProblems problems) {
        if (text == null || text.isBlank()) {
            return LAST_PASSED;
        }
        String t = text.trim();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "lastpassed":
                return LAST_PASSED;
            case "none":
                return NONE;
            default:
                break;
        }
        if (t.matches("#?[0-9]{1,10}")) {
            long number = Long.parseLong(t.startsWith("#") ? t.substring(1) : t);
            if (number >= 1 && number <= Integer.MAX_VALUE) {
                return build(number);
            }
        }
        problems.add("baseline", "\"" + DisplayText.clamp(t, 40)
                + "\" is not a baseline; use 'lastPassed' (the default), a build number, or 'none'");
        return LAST_PASSED;
    }
}
