package dev.ums.protocol.imi;

/** The OS 11 secure-VNC secret: the device certificate (PEM, empty if unknown) and a one-time password. */
public record ShadowSecret(String certificate, String password) {
}
