package dev.ums.protocol.imi;

/**
 * What a device sends once, with an enrollment token in the Authorization header, to
 * {@code POST /device-connector/enroll}. {@code certificate} is the OS 11 device's own certificate (PEM).
 * {@code enrollmentKey} is a random secret the device keeps from its first attempt on: an attempt whose answer
 * was lost can be repeated with the same token and key (docs/SECURITY.md, "Identity and enrollment"); devices
 * without one enroll as before.
 */
public record EnrollmentRequest(String name, String unitId, String mac, String osVersion, String certificate,
                                String enrollmentKey) {
    /** A request without an enrollment key: its answer, if lost, cannot be asked for again. */
    public EnrollmentRequest(String name, String unitId, String mac, String osVersion, String certificate) {
        this(name, unitId, mac, osVersion, certificate, null);
    }
}
