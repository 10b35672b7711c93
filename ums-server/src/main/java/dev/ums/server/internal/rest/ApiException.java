package dev.ums.server.internal.rest;

/** A request the server refuses, with the HTTP status and the one sentence the user sees. */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String sentence) {
        super(sentence);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
