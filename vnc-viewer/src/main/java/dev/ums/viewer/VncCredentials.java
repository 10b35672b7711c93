package dev.ums.viewer;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a user types when the server asks: a user name (only for the Plain kinds of VeNCrypt; empty otherwise) and a
 * password. The session wipes the password array once it was sent. Created on any thread.
 */
public final class VncCredentials {
    private final String username;
    private final char[] password;

    public VncCredentials(String username, char[] password) {
        this.username = Objects.requireNonNull(username);
        this.password = Objects.requireNonNull(password);
    }

    public static VncCredentials password(char[] password) {
        return new VncCredentials("", password);
    }

    public String username() {
        return username;
    }

    /** The password itself (not a copy): the session overwrites it after use. */
    public char[] password() {
        return password;
    }

    void wipe() {
        Arrays.fill(password, '\0');
    }
}
