package dev.ums.icg.internal;

import dev.ums.protocol.up.DeviceIds;
import dev.ums.protocol.up.UpPaths;
import java.util.Optional;

/**
 * The device id and credential a device's upgrade presents ({@code Authorization: Device <id>:<credential>}), taken
 * only in the form the server issues them. The id must be spelled as the server writes its ids (the decimal digits of
 * a positive {@code long}, no sign, no leading zero): the server reads a presented id as a number, so {@code 042} or
 * {@code +42} would pass its check as device 42, while the gateway keys its sockets, and the server its links through
 * this gateway, by the text; such a socket was neither replaced by the device's own nor closed when the server closed
 * device 42 (an approved re-enrollment left a clone online), and its id, thousands of zeros long, went into every log
 * line about it. The credential must be one header token of printable ASCII, at most {@value #MAX_CREDENTIAL}
 * characters (the server issues 43). Anything else is refused without asking the server. Stateless; any thread.
 */
record PresentedDevice(String deviceId, String credential) {
    /** Far above the server's credentials; a header line carries one. */
    static final int MAX_CREDENTIAL = 512;

    /** The presented device, if {@code authorization} holds one in the form the server issues; else empty. */
    static Optional<PresentedDevice> parse(String authorization) {
        if (authorization == null || !authorization.startsWith(UpPaths.DEVICE_AUTH_SCHEME)) {
            return Optional.empty();
        }
        String presented = authorization.substring(UpPaths.DEVICE_AUTH_SCHEME.length()).trim();
        int colon = presented.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String id = presented.substring(0, colon);
        String credential = presented.substring(colon + 1);
        return DeviceIds.spelledAsIssued(id) && headerToken(credential)
                ? Optional.of(new PresentedDevice(id, credential)) : Optional.empty();
    }

    private static boolean headerToken(String credential) {
        return !credential.isEmpty() && credential.length() <= MAX_CREDENTIAL
                && credential.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** Leaves the credential out: this is logged. */
    @Override
    public String toString() {
        return "device " + deviceId;
    }
}
