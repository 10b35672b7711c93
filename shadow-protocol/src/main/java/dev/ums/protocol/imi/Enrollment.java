package dev.ums.protocol.imi;

/** The device's own credential, returned once at enrollment; the agent uses only this afterwards. */
public record Enrollment(String deviceId, String credential) {
}
