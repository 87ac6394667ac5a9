package io.stressgate.server.store;

/** The store cannot do what was asked now (down, full, failing): the caller answers 503 and acknowledges nothing. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
