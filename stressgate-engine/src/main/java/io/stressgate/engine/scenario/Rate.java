package io.stressgate.engine.scenario;

import java.time.Duration;

/** An arrival rate: iterations per second. */
public record Rate(double perSecond) {
    public Rate {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0, was " + perSecond);
        }
    }

    /** Nanoseconds between two arrivals at this rate; Long.MAX_VALUE for a zero rate. */
    public long intervalNanos() {
        return perSecond == 0 ? Long.MAX_VALUE : Math.round(1e9 / perSecond);
    }

    /** Arrivals expected in the given time at this rate. */
    public double arrivalsIn(Duration duration) {
        return perSecond * duration.toNanos() / 1e9;
    }

    @Override
    public String toString() {
        return Quantities.formatNumber(perSecond) + "/s";
    }
}
