package io.stressgate.engine.step;

import io.stressgate.engine.scenario.Quantities;
import io.stressgate.engine.shard.StartTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The agreed start of a sharded step ({@code startAt}): an ISO-8601 instant, or {@code build+DURATION}, that long
 * after the build started, which every parallel branch of one build resolves to the same instant without scripting
 * a clock. The instant obeys the same bounds as the command line's {@code --start-at} ({@link StartTime}).
 */
final class StartChoice {
    static final String BUILD_PREFIX = "build+";

    private StartChoice() {
    }

    /**
     * Resolves {@code text} (null for none) against the build's start and the controller's clock; a problem is added
     * to {@code problems} under {@code startAt} and null returned.
     */
    static Instant parse(String text, Instant buildStart, Instant now, ArgumentProblems problems) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        Instant at;
        if (trimmed.toLowerCase(Locale.ROOT).startsWith(BUILD_PREFIX)) {
            if (buildStart == null) {
                problems.add("startAt", "\"" + DisplayText.clamp(trimmed, 60) + "\" needs the build's start time, which this"
                        + " context does not give; give an ISO-8601 instant instead");
                return null;
            }
            Duration after;
            try {
                after = Quantities.duration(trimmed.substring(BUILD_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                problems.add("startAt", "\"" + DisplayText.clamp(trimmed, 60) + "\": " + DisplayText.clamp(e.getMessage(), 200)
                        + " (write build+90s or build+2m)");
                return null;
            }
            at = buildStart.plus(after);
        } else {
            at = trimmed.isEmpty() ? null : instant(trimmed, problems);
            if (at == null) {
                return null;
            }
        }
        try {
            return StartTime.parse(at.toString(), now).at();
        } catch (IllegalArgumentException e) {
            problems.add("startAt", DisplayText.clamp(e.getMessage(), 300));
            return null;
        }
    }

    private static Instant instant(String text, ArgumentProblems problems) {
        try {
            return StartTime.parse(text, Instant.parse(text)).at();
        } catch (RuntimeException e) {
            problems.add("startAt", "\"" + DisplayText.clamp(text, 60) + "\" is neither an ISO-8601 instant such as"
                    + " 2026-12-04T16:05:00Z nor build+DURATION such as build+2m");
            return null;
        }
    }
}
