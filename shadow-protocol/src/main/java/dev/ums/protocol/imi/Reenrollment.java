package dev.ums.protocol.imi;

/**
 * One re-enrollment waiting for an administrator ({@code GET /umsapi/v3/reenrollments}): the device it claims to
 * be (id, unit id, current name, online now) and what the enrolling side reported, with the SHA-256 pin of its
 * certificate (OS 11 devices; null otherwise). {@code requestedAt} is an ISO-8601 instant.
 */
public record Reenrollment(String id, String deviceId, String unitId, String currentName, boolean deviceOnline,
                           String requestedName, String mac, String osVersion, String certificateFingerprint,
                           String remoteIp, String requestedAt) {
}
