package dev.ums.agent.internal.secure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Reads the first thing an OS 11 console sends on the secure VNC connection, {@code PROCYCMD PW_<password>},
 * and returns the password. The vendor's text shows no line ending after it (its answer, {@code RFB 003.008\n},
 * does show one), so none is required: the password ends at the first CR or LF, or as soon as it is a complete
 * UUID (36 characters, the form IMI documents). A CR/LF a client adds after a complete UUID is left in the
 * stream; {@link LineEndSkippingInput} drops it before the RFB bytes. The command is bounded by
 * {@link #MAX_LENGTH} bytes, and any byte outside printable ASCII ends it as garbage.
 *
 * <p>Pure: reads only the stream it is given; the caller bounds the time (the socket's deadline).
 */
final class PasswordCommand {
    static final String PREFIX = "PROCYCMD PW_";
    /** Far longer than the prefix and a UUID; a client sending more is not a console. */
    static final int MAX_LENGTH = 256;
    private static final int UUID_LENGTH = 36;
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);

    private PasswordCommand() {
    }

    /** @throws IOException with a short reason (for the log) when the bytes are not the command */
    static String read(InputStream in) throws IOException {
        for (byte expected : PREFIX_BYTES) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed before sending the password command");
            }
            if (b != (expected & 0xff)) {
                throw new IOException("the client did not start with " + PREFIX.strip());
            }
        }
        StringBuilder password = new StringBuilder(UUID_LENGTH);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed in the middle of the password command");
            }
            if (b == '\r' || b == '\n') {
                return password.toString();
            }
            if (b < 0x21 || b > 0x7e) {
                throw new IOException("the password command holds a byte that is not printable ASCII");
            }
            password.append((char) b);
            if (password.length() == UUID_LENGTH && UUID.matcher(password).matches()) {
                return password.toString();
            }
            if (PREFIX_BYTES.length + password.length() >= MAX_LENGTH) {
                throw new IOException("the password command is longer than " + MAX_LENGTH + " bytes");
            }
        }
    }
}
