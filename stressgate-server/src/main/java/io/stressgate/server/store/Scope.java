package io.stressgate.server.store;

/** What a token may do. */
public enum Scope {
    /** Read runs, trends and gates (when reads are protected). */
    READ,
    /** Upload runs, and read. */
    WRITE;

    public boolean allows(Scope needed) {
        return this == WRITE || needed == READ;
    }
}
