package io.stressgate.engine.report;

/** The range a metric stayed in over the baseline builds, drawn as a band behind its trend. */
public record Band(double low, double high) {
    public Band {
        if (!(low <= high)) {
            throw new IllegalArgumentException("band low " + low + " is above high " + high);
        }
    }
}
