package io.stressgate.engine.chaos;

/** The rules that refuse a chaos action before anything is sent; each refusal names its rule. */
public enum SafetyRule {
    /** Chaos is switched off for this machine or run. */
    KILL_SWITCH,
    /** pid 1 or lower: init, "my process group" (0) or "every process" (-1), or a group (negative). */
    PID_RANGE,
    /** The tool's own process. */
    SELF,
    /** A process the tool runs inside: its parent, the agent, up to init. */
    ANCESTOR,
    /** The tool's own process group. */
    OWN_GROUP,
    /** A process of another user, without the audited override. */
    OTHER_USER,
    /** The pid now belongs to another process than the one selected (its start time changed). */
    PID_REUSED,
    /** The process selected exited before anything was sent. */
    TARGET_GONE,
    /** Nothing matched the selection: a silent pass would hide a mistake. */
    NO_MATCH,
    /** More candidates (matches, or their children or leaves) than the declared maximum. */
    TOO_MANY,
    /** {@code pick: busy} found fewer candidates using CPU than it was to hit. */
    NOT_BUSY
}
