package io.stressgate.engine.scenario;

/** A place in a scenario file: file name, 1-based line and column (0 when unknown). */
public record Location(String file, int line, int column) {
    /** A location for problems that concern a whole file. */
    public static Location of(String file) {
        return new Location(file, 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return file + ":" + line + ":" + column;
    }
}
