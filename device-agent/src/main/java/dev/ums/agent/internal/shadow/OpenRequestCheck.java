package dev.ums.agent.internal.shadow;

import dev.ums.protocol.tls.Fingerprints;
import dev.ums.protocol.up.UpMessage;
import java.util.Optional;

/**
 * What makes a {@code shadow.open} unusable before anything is done for it: a session id the answer could not
 * carry (the server takes ids of at most {@value #MAX_ID} printable characters, and closes the connection of a device
 * that answers with another), or a token or tunnel pin that cannot be sent. Stateless; any thread.
 */
final class OpenRequestCheck {
    /** Session ids are UUIDs; the server takes up to this many characters. */
    static final int MAX_ID = 64;
    /** Tokens are 43 characters (256 random bits); an HTTP header line carries one. */
    static final int MAX_TOKEN = 512;

    private OpenRequestCheck() {
    }

    /** Whether a refusal naming this session id is one the server takes. */
    static boolean answerable(String sessionId) {
        return sessionId != null && !sessionId.isBlank() && sessionId.length() <= MAX_ID
                && sessionId.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /** Why the request's token cannot open a tunnel, if it cannot: missing, too long, not one header token. */
    static Optional<String> tokenProblem(UpMessage.ShadowOpen open) {
        String token = open.token();
        if (token == null || token.isEmpty()) {
            return Optional.of("the shadow request has no tunnel token");
        }
        if (token.length() > MAX_TOKEN || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.of("the shadow request's tunnel token is not valid");
        }
        return Optional.empty();
    }

    /** Why the pin the request names for its tunnel is not one, if it is not (none means the server's pin). */
    static Optional<String> pinProblem(UpMessage.ShadowOpen open) {
        String pin = open.tunnelFingerprint();
        if (pin == null || pin.isBlank()) {
            return Optional.empty();
        }
        try {
            Fingerprints.normalize(pin);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("the server named a tunnel pin that is not a SHA-256 fingerprint: " + ShownValue.of(pin));
        }
    }
}
