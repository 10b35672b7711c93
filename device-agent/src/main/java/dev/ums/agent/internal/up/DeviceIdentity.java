package dev.ums.agent.internal.up;

/** What makes this device the same device to the server across restarts: its unit id and MAC. */
public record DeviceIdentity(String unitId, String mac) {
}
