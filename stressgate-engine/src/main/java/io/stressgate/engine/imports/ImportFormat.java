package io.stressgate.engine.imports;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A load tool whose result files Stress Gate reads, named in lower case in scenarios and on the command line. */
public enum ImportFormat {
    LOCUST, JMETER, GATLING, K6;

    /** The lower-case name: {@code locust}, {@code jmeter}, {@code gatling}, {@code k6}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format of a lower-case name; an unknown name fails with the names that are known. */
    public static ImportFormat parse(String name) {
        for (ImportFormat f : values()) {
            if (f.id().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown result format '" + name + "': expected one of "
                + Arrays.stream(values()).map(ImportFormat::id).collect(Collectors.joining(", ")));
    }
}
