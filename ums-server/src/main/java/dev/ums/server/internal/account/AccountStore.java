package dev.ums.server.internal.account;

import dev.ums.server.internal.db.Jdbc;
import java.time.Clock;

/** Administrator accounts; only salted slow hashes of passwords are stored. Any thread may call it. */
public record AccountStore(Jdbc jdbc, Clock clock) {
    public static final String ADMIN = "admin";
    /** A hash of a random password at the current cost, compared against for unknown users. */
    private static final String DUMMY_HASH = PasswordHasher.hash(java.util.UUID.randomUUID().toString().toCharArray());

    public boolean exists(String name) {
        return jdbc.queryOne("SELECT name FROM account WHERE name = ?", rs -> rs.getString(1), name).isPresent();
    }

    public void create(String name, char[] password) {
        jdbc.update("INSERT INTO account (name, password_hash, created_at) VALUES (?, ?, ?)",
                name, PasswordHasher.hash(password), clock.millis());
    }

    /**
     * Whether {@code password} is {@code name}'s. A name no account can have (a control character, which includes
     * the NUL that PostgreSQL refuses in any text) is not looked up: it costs the same derivation and is wrong.
     */
    public boolean verify(String name, char[] password) {
        if (name.chars().anyMatch(Character::isISOControl)) {
            PasswordHasher.matches(password, DUMMY_HASH);
            return false;
        }
        return jdbc.queryOne("SELECT password_hash FROM account WHERE name = ?", rs -> rs.getString(1), name)
                .map(hash -> PasswordHasher.matches(password, hash))
                .orElseGet(() -> {
                    // one derivation, as for a known user, so timing does not reveal which names exist
                    PasswordHasher.matches(password, DUMMY_HASH);
                    return false;
                });
    }
}
