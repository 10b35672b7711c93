package dev.ums.server.internal.cluster;

import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.server.internal.db.Jdbc;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The one TLS identity every node of a cluster presents, kept in the database: the first node to start
 * creates it, every later one reads it. The key store is encrypted with a password derived (PBKDF2, random
 * salt) from the cluster secret each node is given in {@code UMS_CLUSTER_SECRET}, so a reader of the database
 * alone cannot use the key. Called once at start, on the starting thread.
 */
public final class ClusterIdentity {
    private static final int ITERATIONS = 210_000;

    private ClusterIdentity() {
    }

    /** Reads the cluster's identity, creating it when this is the first node; a wrong secret fails with a sentence. */
    public static SelfSignedIdentity loadOrCreate(Jdbc jdbc, char[] secret, Clock clock) {
        Optional<SelfSignedIdentity> existing = load(jdbc, secret);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            SelfSignedIdentity created = SelfSignedIdentity.create("UMS Server");
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            byte[] store = created.toPkcs12(password(secret, salt));
            try {
                jdbc.update("INSERT INTO cluster_identity (id, key_store, salt, fingerprint, created_at) "
                                + "VALUES (1, ?, ?, ?, ?)", Base64.getEncoder().encodeToString(store),
                        Base64.getEncoder().encodeToString(salt), created.fingerprint(), clock.millis());
                return created;
            } catch (Jdbc.DataAccessException e) {
                if (!e.isUniqueViolation()) {
                    throw e;
                }
                // another node created it at the same moment: use theirs
                return load(jdbc, secret).orElseThrow();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the cluster's TLS identity: " + e.getMessage(), e);
        }
    }

    private static Optional<SelfSignedIdentity> load(Jdbc jdbc, char[] secret) {
        Optional<String[]> row = jdbc.queryOne("SELECT key_store, salt FROM cluster_identity WHERE id = 1",
                rs -> new String[] {rs.getString(1), rs.getString(2)});
        if (row.isEmpty()) {
            return Optional.empty();
        }
        byte[] salt = Base64.getDecoder().decode(row.get()[1]);
        try {
            return Optional.of(SelfSignedIdentity.fromPkcs12(Base64.getDecoder().decode(row.get()[0]),
                    password(secret, salt)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the cluster secret (UMS_CLUSTER_SECRET) does not open the cluster's "
                    + "key pair in the database; give every node the same secret", e);
        }
    }

    private static char[] password(char[] secret, byte[] salt) throws GeneralSecurityException {
        KeySpec spec = new PBEKeySpec(secret, salt, ITERATIONS, 256);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key).toCharArray();
    }
}
