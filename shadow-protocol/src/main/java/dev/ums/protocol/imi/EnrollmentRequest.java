package dev.ums.protocol.imi;

/**
 * What a device sends once, with an enrollment token in the Authorization header, to
 * {@code POST /device-connector/enroll}. {@code certificate} is the OS 11 device's own certificate (PEM).
 */
public record EnrollmentRequest(String name, String unitId, String mac, String osVersion, String certificate) {
}
