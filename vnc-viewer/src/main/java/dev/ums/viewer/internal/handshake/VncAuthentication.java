package dev.ums.viewer.internal.handshake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The response to a VNC authentication challenge: the 16-byte challenge DES-encrypted with the
 * password as key. VNC takes the first 8 password bytes and mirrors the bits of each byte, a
 * quirk of the original implementation that every server expects.
 */
public final class VncAuthentication {
    private VncAuthentication() {
    }

    public static byte[] response(byte[] challenge, char[] password) throws GeneralSecurityException {
        byte[] key = new byte[8];
        byte[] raw = new String(password).getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < key.length && i < raw.length; i++) {
            key[i] = (byte) (Integer.reverse(raw[i] & 0xff) >>> 24);
        }
        Arrays.fill(raw, (byte) 0);
        Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
        des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
        Arrays.fill(key, (byte) 0);
        return des.doFinal(challenge);
    }
}
