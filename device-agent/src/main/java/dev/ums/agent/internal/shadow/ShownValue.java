package dev.ums.agent.internal.shadow;

import dev.ums.protocol.log.PeerText;

/**
 * A value the server sent (a tunnel address, a pin, a failure's detail), fit to be quoted back in the sentence of a
 * {@code shadow.result}: at most {@value #MAX} characters, control characters replaced, so the answer stays within
 * what the server takes however odd the request was. Stateless; any thread.
 */
final class ShownValue {
    static final int MAX = 100;

    private ShownValue() {
    }

    static String of(String value) {
        return PeerText.of(value, MAX);
    }
}
