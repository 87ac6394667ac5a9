package io.stressgate.server.store;

/**
 * What storing a run did: created it, found the same run stored already (same job, build, scenario and content), or
 * found a different run under the same identity (a conflict), with the id of the stored run and, for a conflict, why.
 */
public record Receipt(String id, Outcome outcome, String conflict) {
    /** The three ways an upload ends in the store. */
    public enum Outcome { CREATED, EXISTING, CONFLICT }

    public static Receipt created(String id) {
        return new Receipt(id, Outcome.CREATED, null);
    }

    public static Receipt existing(String id) {
        return new Receipt(id, Outcome.EXISTING, null);
    }

    public static Receipt conflict(String id, String why) {
        return new Receipt(id, Outcome.CONFLICT, why);
    }
}
