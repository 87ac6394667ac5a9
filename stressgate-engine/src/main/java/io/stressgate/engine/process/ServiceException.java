package io.stressgate.engine.process;

/** A service could not be started or did not become ready; the message names the service, replica and log file. */
public final class ServiceException extends Exception {
    public ServiceException(String message) {
        super(message);
    }

    public ServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
