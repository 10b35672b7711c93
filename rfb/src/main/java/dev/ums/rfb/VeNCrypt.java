package dev.ums.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * VeNCrypt (security type 19), version 0.2 as TigerVNC speaks it: the server sends its version (two bytes), the
 * client answers with the version it speaks, the server confirms with one byte (0 = accepted) and lists its
 * subtypes (a one-byte count, then 32-bit numbers); the client sends its choice as a 32-bit number. For the TLS and
 * X509 subtypes the server then sends one byte (1 = go ahead) and the TLS handshake begins; for {@link #PLAIN} the
 * client sends its user name and password at once.
 */
public final class VeNCrypt {
    public static final int MAJOR = 0;
    public static final int MINOR = 2;
    /** User name and password in the clear. */
    public static final int PLAIN = 256;
    /** Anonymous TLS, then nothing more. */
    public static final int TLS_NONE = 257;
    /** Anonymous TLS, then VNC authentication. */
    public static final int TLS_VNC = 258;
    /** Anonymous TLS, then user name and password. */
    public static final int TLS_PLAIN = 259;
    /** TLS with the server's X.509 certificate, then nothing more. */
    public static final int X509_NONE = 260;
    /** TLS with the server's X.509 certificate, then VNC authentication. */
    public static final int X509_VNC = 261;
    /** TLS with the server's X.509 certificate, then user name and password. */
    public static final int X509_PLAIN = 262;
    /** The byte a server sends after accepting a TLS or X509 subtype. */
    public static final int TLS_ACCEPTED = 1;
    /** Each of the user name and password may hold at most this many bytes. */
    public static final int MAX_CREDENTIAL_BYTES = 64 * 1024;

    private VeNCrypt() {
    }

    /** The version bytes of either side. */
    public static byte[] version(int major, int minor) {
        return new byte[] {(byte) major, (byte) minor};
    }

    public static byte[] subtypes(List<Integer> subtypes) {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 * subtypes.size()).put((byte) subtypes.size());
        subtypes.forEach(b::putInt);
        return b.array();
    }

    public static List<Integer> readSubtypes(RfbInput in) throws IOException {
        int count = in.u8();
        Integer[] subtypes = new Integer[count];
        for (int i = 0; i < count; i++) {
            subtypes[i] = in.s32();
        }
        return List.of(subtypes);
    }

    public static byte[] choice(int subtype) {
        return ByteBuffer.allocate(4).putInt(subtype).array();
    }

    /** The Plain subtype's message: the lengths of user name and password (32 bits each), then both as UTF-8. */
    public static byte[] plainCredentials(String user, char[] password) {
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        ByteBuffer secret = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        ByteBuffer b = ByteBuffer.allocate(8 + name.length + secret.remaining())
                .putInt(name.length).putInt(secret.remaining()).put(name).put(secret);
        java.util.Arrays.fill(secret.array(), (byte) 0);
        return b.array();
    }

    /** Whether the subtype starts with TLS. */
    public static boolean usesTls(int subtype) {
        return subtype >= TLS_NONE && subtype <= X509_PLAIN;
    }

    /** Whether the TLS of the subtype carries the server's certificate (else it is anonymous). */
    public static boolean usesCertificate(int subtype) {
        return subtype >= X509_NONE && subtype <= X509_PLAIN;
    }

    /** Whether the subtype ends with VNC authentication. */
    public static boolean endsWithVncAuthentication(int subtype) {
        return subtype == TLS_VNC || subtype == X509_VNC;
    }

    /** Whether the subtype ends with a user name and password. */
    public static boolean endsWithPlain(int subtype) {
        return subtype == PLAIN || subtype == TLS_PLAIN || subtype == X509_PLAIN;
    }

    /** The name TigerVNC gives the subtype ("X509Vnc"), or its number. */
    public static String name(int subtype) {
        return switch (subtype) {
            case PLAIN -> "Plain";
            case TLS_NONE -> "TLSNone";
            case TLS_VNC -> "TLSVnc";
            case TLS_PLAIN -> "TLSPlain";
            case X509_NONE -> "X509None";
            case X509_VNC -> "X509Vnc";
            case X509_PLAIN -> "X509Plain";
            default -> Integer.toString(subtype);
        };
    }
}
