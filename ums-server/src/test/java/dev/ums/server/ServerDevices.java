package dev.ums.server;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.testkit.device.DeviceServer;
import dev.ums.testkit.device.FakeDevice;

/**
 * Testkit's fake devices pointed at a server of these tests: one in this JVM, or one in a child process known by
 * its base URL and certificate pin. Any thread.
 */
final class ServerDevices {
    /** The enrollment token of {@code ServerConfig.forTests}. */
    static final String ENROLLMENT_TOKEN = "enroll-secret";

    private ServerDevices() {
    }

    /** A new device called {@code name}, enrolled with the tests' token; not yet connected. */
    static FakeDevice enroll(UmsServer server, String name) throws Exception {
        return FakeDevice.enroll(DeviceServer.pinned(server.baseUrl(), server.fingerprint()), ENROLLMENT_TOKEN, name);
    }

    /** A device that enrolled before and says it is {@code name}. */
    static FakeDevice enrolled(UmsServer server, Enrollment enrollment, String name) {
        return enrolled(server.baseUrl(), server.fingerprint(), enrollment, name);
    }

    /** A device that holds {@code enrollment}, for asking how the server answers its upgrade. */
    static FakeDevice enrolled(UmsServer server, Enrollment enrollment) {
        return enrolled(server, enrollment, "device-" + enrollment.deviceId());
    }

    static FakeDevice enrolled(String baseUrl, String fingerprint, Enrollment enrollment, String name) {
        return FakeDevice.enrolled(DeviceServer.pinned(baseUrl, fingerprint), enrollment, name);
    }

    static FakeDevice enrolled(String baseUrl, String fingerprint, Enrollment enrollment) {
        return enrolled(baseUrl, fingerprint, enrollment, "device-" + enrollment.deviceId());
    }
}
