package io.stressgate.engine.imports;

/** Where a reader is in its file, so that a problem it finds names the file and the line. */
@FunctionalInterface
interface FilePosition {
    ImportException problem(String message);
}
