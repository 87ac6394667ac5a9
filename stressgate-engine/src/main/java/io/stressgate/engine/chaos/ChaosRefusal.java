package io.stressgate.engine.chaos;

/** A chaos action refused by a safety rule before any signal was sent or command run. */
public final class ChaosRefusal extends Exception {
    private final SafetyRule rule;

    public ChaosRefusal(SafetyRule rule, String message) {
        super("refused by rule " + rule + ": " + message);
        this.rule = rule;
    }

    public SafetyRule rule() {
        return rule;
    }
}
