package io.stressgate.engine.scenario;

import java.util.Locale;
import java.util.Objects;

/**
 * Which processes a kill or pause hits among those its target matched: the candidates ({@code among}: the matches
 * themselves, their direct children, or the leaves of their process trees) and which {@code count} of them
 * ({@code pick}: in listed order, oldest or youngest by start time, at random, or the busiest by CPU). One model for
 * the scenario's {@code chaos}, {@code stressgate chaos --among --pick} and the {@code chaosKill} step.
 */
public record TargetChoice(Among among, Pick pick) {
    /** The matches themselves, the first ones listed: what a kill hit before there was a choice. */
    public static final TargetChoice DEFAULT = new TargetChoice(Among.MATCHES, Pick.FIRST);

    /** Where the candidates come from. */
    public enum Among { MATCHES, CHILDREN, LEAVES }

    /** Which candidates are hit. */
    public enum Pick { FIRST, OLDEST, YOUNGEST, RANDOM, BUSY }

    public TargetChoice {
        Objects.requireNonNull(among, "among");
        Objects.requireNonNull(pick, "pick");
    }

    /** Reads an {@code among} value; the message lists the choices. */
    public static Among among(String text) {
        return parse(text, Among.class);
    }

    /** Reads a {@code pick} value; the message lists the choices. */
    public static Pick pick(String text) {
        return parse(text, Pick.class);
    }

    /** The choice as written, e.g. {@code among children, pick busy}. */
    public String describe() {
        return "among " + name(among) + ", pick " + name(pick);
    }

    /** The lower-case word users write for a value. */
    public static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E parse(String text, Class<E> type) {
        StringBuilder known = new StringBuilder();
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return value;
            }
            known.append(known.length() == 0 ? "" : ", ").append(name(value));
        }
        String shown = text == null ? "null" : text.length() > 40 ? text.substring(0, 40) + "..." : text;
        throw new IllegalArgumentException("\"" + shown + "\" is not one of " + known);
    }
}
