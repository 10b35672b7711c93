package dev.ums.protocol.imi;

/** An enrollment token as admins manage it; {@code token} is shown only when created. */
public record EnrollmentToken(String id, String token, String createdBy, String createdAt, boolean revoked) {
}
