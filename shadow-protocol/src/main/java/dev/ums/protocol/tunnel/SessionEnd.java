package dev.ums.protocol.tunnel;

import java.util.Optional;

/**
 * Why a shadow session ended, when the device side ended it on purpose, carried as the tunnel WebSocket's close
 * code (private range 4000–4999) so that the relay, the console, {@code ums proxy} and the web app see the same
 * typed reason; each turns it into its sentence for its user.
 */
public enum SessionEnd {
    /** The person at the device pressed Disconnect on the shadow indicator. */
    USER_DISCONNECTED(4001, "user-disconnected", "the user at the device ended the session");

    private final int closeCode;
    private final String wireName;
    private final String sentence;

    SessionEnd(int closeCode, String wireName, String sentence) {
        this.closeCode = closeCode;
        this.wireName = wireName;
        this.sentence = sentence;
    }

    /** The WebSocket close code that carries this reason. */
    public int closeCode() {
        return closeCode;
    }

    /** The close frame's reason text and the name in {@code shadow.closed}: a token, not a sentence. */
    public String wireName() {
        return wireName;
    }

    /** The sentence a user reads. */
    public String sentence() {
        return sentence;
    }

    /** The reason a close code carries, if it is one of ours. */
    public static Optional<SessionEnd> ofCloseCode(int code) {
        for (SessionEnd end : values()) {
            if (end.closeCode == code) {
                return Optional.of(end);
            }
        }
        return Optional.empty();
    }
}
