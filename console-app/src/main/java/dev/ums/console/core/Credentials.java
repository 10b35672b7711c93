package dev.ums.console.core;

import java.util.Arrays;

/** A user name and a password kept as a char array so it can be wiped once used; never logged. */
public record Credentials(String user, char[] password) {
    public Credentials {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("no user name given");
        }
        password = password == null ? new char[0] : password;
    }

    /** Overwrites the password in memory. */
    public void wipe() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Credentials c && c.user.equals(user) && Arrays.equals(c.password, password);
    }

    @Override
    public int hashCode() {
        return user.hashCode();
    }
}
