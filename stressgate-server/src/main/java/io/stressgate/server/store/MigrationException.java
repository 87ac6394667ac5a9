package io.stressgate.server.store;

/** The store's schema cannot be brought to this version safely; the service refuses to start, saying why and what to do. */
public final class MigrationException extends RuntimeException {
    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
