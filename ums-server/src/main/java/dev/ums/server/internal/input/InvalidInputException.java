package dev.ums.server.internal.input;

/**
 * A value from outside (a REST body, a device's message) that breaks a limit, with the one sentence that
 * says which; the REST layer answers it with a 400, a device socket is closed with it.
 */
public final class InvalidInputException extends RuntimeException {
    public InvalidInputException(String sentence) {
        super(sentence);
    }
}
