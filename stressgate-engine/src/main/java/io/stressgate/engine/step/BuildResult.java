package io.stressgate.engine.step;

/** The build result a step asks for, independent of Jenkins' {@code Result}. */
public enum BuildResult {
    SUCCESS, UNSTABLE, FAILURE;

    /** The worse of two results. */
    public BuildResult worst(BuildResult other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
