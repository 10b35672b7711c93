package dev.ums.protocol.json;

/** A peer sent JSON that does not parse into the expected message. */
public final class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
