package dev.ums.protocol.gateway;

/**
 * The rule for the secret a gateway and its servers share ({@code UMS_ICG_SECRET}): whoever presents it links to the
 * gateway as its server, so it must be long enough not to be guessed. Both ends check it when they start.
 */
public final class GatewaySecret {
    /** The fewest characters a secret may have (16 random characters are beyond guessing over the network). */
    public static final int MIN_LENGTH = 16;

    private GatewaySecret() {
    }

    /** Throws with a sentence saying what to do when {@code secret} is missing or too short. */
    public static void check(String secret, String who) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(who + " needs the secret the gateway and its servers share: set "
                    + "UMS_ICG_SECRET (for example to the output of `openssl rand -hex 16`)");
        }
        if (secret.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the gateway secret in UMS_ICG_SECRET is too short to resist guessing: "
                    + "give it at least " + MIN_LENGTH + " characters (for example the output of `openssl rand -hex "
                    + "16`)");
        }
    }
}
