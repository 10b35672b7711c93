package dev.ums.agent.internal.secure;

import java.util.regex.Pattern;

/**
 * The form of every session password a UMS server issues: a random UUID in its canonical lowercase text (the server's
 * {@code SessionPasswords} use {@code UUID.randomUUID().toString()} and look passwords up exactly). A password of any
 * other form can never be valid, and the server treats a blank one, or one over its length limit, as a malformed
 * message that closes the device's UP connection; such a password is therefore refused on the device and never sent.
 * Stateless; any thread.
 */
final class SessionPasswordShape {
    private static final Pattern ISSUED = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private SessionPasswordShape() {
    }

    /** Whether a server could have issued {@code password}. */
    static boolean couldBeIssued(String password) {
        return password != null && ISSUED.matcher(password).matches();
    }
}
