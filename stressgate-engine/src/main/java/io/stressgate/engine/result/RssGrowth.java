package io.stressgate.engine.result;

import java.util.List;

/**
 * How a watched group's resident memory moved over the steady part of the run (after the settling share at its
 * start): the fitted slope per minute with its confidence interval, the method that fitted it, the noise floor a
 * slope must exceed to count, and the verdict {@code stable} or {@code growing}; {@code increaseBytes} is the RSS at
 * the end minus the RSS when the steady part began. With too few samples the verdict is {@code unknown}, the
 * figures are null and {@code reason} says why. {@code curve} is the group's RSS over the whole run, thinned, for
 * the report's chart.
 */
public record RssGrowth(String verdict, Double bytesPerMinute, Double lowBytesPerMinute, Double highBytesPerMinute,
                        Double noiseFloorBytesPerMinute, Long increaseBytes, Long fromMs, Long toMs, long samples,
                        String method, String reason, List<Point> curve) {
    public static final String STABLE = "stable";
    public static final String GROWING = "growing";
    public static final String UNKNOWN = "unknown";

    public RssGrowth {
        curve = curve == null ? List.of() : List.copyOf(curve);
    }

    /** The group's RSS at {@code atMs} from run start. */
    public record Point(long atMs, long bytes) {
    }
}
