package dev.ums.server.internal.recording;

import dev.ums.recording.Direction;
import java.util.Arrays;

/**
 * Keeps the administrator's secrets out of a recording: follows the start of both byte streams of an RFB session
 * and zeroes, in the console's stream, the 16-byte answer to a VNC password challenge (with the recorded challenge
 * it would allow an offline guess of the password) and the password of VeNCrypt Plain. Their lengths stay, so a
 * player still steps over them; nothing else is touched. Follows only the handshake's first bytes and then does
 * nothing. Called on the recorder's writer thread only, chunks in the order they crossed the relay.
 */
final class HandshakeCredentials {
    private static final int VERSION_LENGTH = 12;
    private static final int VNC_AUTH = 2;
    private static final int VENCRYPT = 19;
    private static final int VENCRYPT_PLAIN = 256;
    private static final int CHALLENGE_ANSWER = 16;
    /** How far into the console's stream a secret can lie: version, choice, VeNCrypt choice, lengths, 2 × 64 KiB. */
    private static final long FOLLOW_LIMIT = 64 + 2 * 65_536L;

    private final byte[] serverHead = new byte[VERSION_LENGTH + 4];
    private int serverSeen;
    private final byte[] consoleHead = new byte[64];
    private long consoleSeen;
    /** Where in the console's stream the secret lies, once known: [from, to). */
    private long blankFrom = -1;
    private long blankTo = -1;
    private boolean done;

    /** Zeroes in {@code chunk} whatever part of a secret it carries. */
    void blank(Direction direction, byte[] chunk) {
        if (done) {
            return;
        }
        if (direction == Direction.FROM_DEVICE) {
            for (int i = 0; i < chunk.length && serverSeen < serverHead.length; i++) {
                serverHead[serverSeen++] = chunk[i];
            }
            return;
        }
        long start = consoleSeen;
        for (int i = 0; i < chunk.length && start + i < consoleHead.length; i++) {
            consoleHead[(int) (start + i)] = chunk[i];
        }
        consoleSeen += chunk.length;
        if (blankFrom < 0) {
            locate();
        }
        if (blankFrom >= 0) {
            long from = Math.max(blankFrom, start);
            long to = Math.min(blankTo, consoleSeen);
            if (from < to) {
                Arrays.fill(chunk, (int) (from - start), (int) (to - start), (byte) 0);
            }
            done = consoleSeen >= blankTo;
        }
        if (consoleSeen > FOLLOW_LIMIT) {
            done = true;
        }
    }

    /** Works out where the secret lies once enough of both streams was seen; leaves it unknown otherwise. */
    private void locate() {
        if (consoleSeen < VERSION_LENGTH || serverSeen < VERSION_LENGTH) {
            return;
        }
        int minor = minor(consoleHead);
        int type;
        int afterChoice;
        if (minor >= 7) {
            if (consoleSeen < VERSION_LENGTH + 1) {
                return;
            }
            type = consoleHead[VERSION_LENGTH] & 0xff;
            afterChoice = VERSION_LENGTH + 1;
        } else {
            if (serverSeen < VERSION_LENGTH + 4) {
                return;
            }
            type = u32(serverHead, VERSION_LENGTH);
            afterChoice = VERSION_LENGTH;
        }
        if (type == VNC_AUTH) {
            blankFrom = afterChoice;
            blankTo = afterChoice + CHALLENGE_ANSWER;
        } else if (type == VENCRYPT) {
            locatePlain(afterChoice);
        } else {
            done = true;
        }
    }

    /** VeNCrypt: the client's version (2 bytes) and subtype (4); Plain then sends two lengths, user and password. */
    private void locatePlain(int afterChoice) {
        int subtypeAt = afterChoice + 2;
        if (consoleSeen < subtypeAt + 4) {
            return;
        }
        if (u32(consoleHead, subtypeAt) != VENCRYPT_PLAIN) {
            done = true;
            return;
        }
        int lengthsAt = subtypeAt + 4;
        if (consoleSeen < lengthsAt + 8) {
            return;
        }
        long user = u32(consoleHead, lengthsAt) & 0xffffffffL;
        long password = u32(consoleHead, lengthsAt + 4) & 0xffffffffL;
        blankFrom = lengthsAt + 8 + user;
        blankTo = blankFrom + password;
    }

    private static int minor(byte[] version) {
        int minor = 0;
        for (int i = 8; i < 11; i++) {
            int digit = version[i] - '0';
            if (digit < 0 || digit > 9) {
                return 0;
            }
            minor = minor * 10 + digit;
        }
        return minor;
    }

    private static int u32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
