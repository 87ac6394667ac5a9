package io.stressgate.engine.scenario;

/** A value read from a scenario file, remembering where it was written and under which key path. */
public sealed interface Node permits MapNode, ListNode, ScalarNode {
    Location location();

    /** The key path, e.g. {@code load[0].request.timeout}. */
    String path();

    /** What kind of value this is, as a user would say it. */
    String kind();
}
