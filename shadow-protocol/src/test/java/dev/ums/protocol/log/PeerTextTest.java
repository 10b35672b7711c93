package dev.ums.protocol.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a peer's text becomes in a log line or an answer: cut, and nothing in it can start a line or hide itself. */
class PeerTextTest {
    @Test
    void controlAndInvisibleFormatCharactersAreReplaced() {
        String forged = "kiosk\nFORGED line\r\u001b[2J\u0085NEL\u009b31m\u202eevil\u200b\u2028sep\u2029para\u0000";

        assertThat(PeerText.of(forged, 200)).isEqualTo("kiosk?FORGED line??[2J?NEL?31m?evil??sep?para?");
    }

    @Test
    void printableTextOfAnyScriptIsKeptAndCutAtTheLimit() {
        assertThat(PeerText.of("Kasse-Süd 東京 ☕", 200)).isEqualTo("Kasse-Süd 東京 ☕");
        assertThat(PeerText.of("a".repeat(10), 4)).isEqualTo("aaaa…");
        assertThat(PeerText.of(null, 4)).isEqualTo("(none)");
    }
}
