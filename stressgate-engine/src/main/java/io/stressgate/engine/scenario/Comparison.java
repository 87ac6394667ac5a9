package io.stressgate.engine.scenario;

/** The comparison a gate makes between the measured value and its limit. */
public enum Comparison {
    LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">="), EQUAL("=="), NOT_EQUAL("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** True when {@code actual} stands in this relation to {@code limit}; NaN never holds. */
    public boolean holds(double actual, double limit) {
        if (Double.isNaN(actual) || Double.isNaN(limit)) {
            return false;
        }
        return switch (this) {
            case LESS -> actual < limit;
            case LESS_OR_EQUAL -> actual <= limit;
            case GREATER -> actual > limit;
            case GREATER_OR_EQUAL -> actual >= limit;
            case EQUAL -> Double.compare(actual, limit) == 0;
            case NOT_EQUAL -> Double.compare(actual, limit) != 0;
        };
    }

    public static Comparison of(String symbol) {
        for (Comparison c : values()) {
            if (c.symbol.equals(symbol)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown comparison " + symbol);
    }
}
