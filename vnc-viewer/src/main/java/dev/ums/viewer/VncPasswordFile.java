package dev.ums.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads a VNC password from a file, so that it never appears on a command line: either the
 * first line of a text file, or an 8-byte file written by {@code vncpasswd}, which stores the
 * password DES-encrypted with a key that every VNC implementation shares. At most {@value #MAX_BYTES} bytes are read.
 * Any thread.
 */
public final class VncPasswordFile {
    /** The most a password file may hold: a password on its first line, with room to spare. */
    static final int MAX_BYTES = 4096;
    /** The fixed obfuscation key of vncpasswd files, already in the bit order standard DES expects. */
    private static final byte[] OBFUSCATION_KEY = mirrored(new byte[] {23, 82, 107, 6, 35, 78, 88, 7});

    private VncPasswordFile() {
    }

    public static char[] read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // never more than the bound, whatever the name holds (a large file, /dev/zero)
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new IOException("The password file " + file + " does not exist.", e);
        } catch (AccessDeniedException e) {
            throw new IOException("Cannot read the password file " + file + ": permission denied.", e);
        } catch (IOException e) {
            String reason = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : e.getMessage().strip();
            throw new IOException("Cannot read the password file " + file + ": "
                    + Character.toLowerCase(reason.charAt(0)) + reason.substring(1) + ".", e);
        }
        try {
            if (bytes.length > MAX_BYTES) {
                throw new IOException("The password file " + file + " is larger than " + MAX_BYTES / 1024
                        + " KiB; it should hold only the password, on its first line.");
            }
            if (bytes.length == 8 && !isText(bytes)) {
                return decrypt(bytes);
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
            if (line.isEmpty()) {
                throw new IOException("The password file " + file + " is empty.");
            }
            return line.toCharArray();
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static boolean isText(byte[] bytes) {
        for (byte b : bytes) {
            if ((b & 0xff) < 0x20 && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static char[] decrypt(byte[] encrypted) throws IOException {
        try {
            Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
            des.init(Cipher.DECRYPT_MODE, new SecretKeySpec(OBFUSCATION_KEY, "DES"));
            byte[] plain = des.doFinal(encrypted);
            int len = 0;
            while (len < plain.length && plain[len] != 0) {
                len++;
            }
            char[] password = new String(plain, 0, len, StandardCharsets.ISO_8859_1).toCharArray();
            Arrays.fill(plain, (byte) 0);
            return password;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot decode the vncpasswd file.", e);
        }
    }

    private static byte[] mirrored(byte[] key) {
        byte[] out = new byte[key.length];
        for (int i = 0; i < key.length; i++) {
            out[i] = (byte) (Integer.reverse(key[i] & 0xff) >>> 24);
        }
        return out;
    }
}
