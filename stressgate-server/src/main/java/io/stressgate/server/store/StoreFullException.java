package io.stressgate.server.store;

/** The store's disk is full: nothing was written, reads still work, and writes work again once space is freed. */
public final class StoreFullException extends StoreException {
    public StoreFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
