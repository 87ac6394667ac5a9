package io.stressgate.cli;

/** Invalid input found by a command after parsing its arguments; exits with {@link ExitCodes#USAGE}. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
