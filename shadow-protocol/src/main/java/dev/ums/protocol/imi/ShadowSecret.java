package dev.ums.protocol.imi;

/** The OS 11 secure-VNC secret: the device certificate (PEM, empty if unknown) and a one-time password. */
public record ShadowSecret(String certificate, String password) {
    /** Without the password, which lets its holder in: a log line or a failure's text may quote the secret. */
    @Override
    public String toString() {
        return "ShadowSecret[certificate=" + (certificate == null || certificate.isEmpty() ? "(none)" : "(PEM, "
                + certificate.length() + " characters)") + ", password=(hidden)]";
    }
}
