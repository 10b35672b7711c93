package dev.ums.server.internal.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How the cluster's tables key a secret (a cookie, a session password) or anything personal (a user and address
 * pair): its SHA-256 in hex, so a reader of the database can neither present the secret nor read the pair.
 */
final class StoredKey {
    private StoredKey() {
    }

    static String of(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
