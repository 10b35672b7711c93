package dev.ums.protocol.imi;

/** IMI's plain answer body, e.g. {@code {"message":"JSESSIONID=…"}}, and every error body (a human sentence). */
public record Message(String message) {
}
