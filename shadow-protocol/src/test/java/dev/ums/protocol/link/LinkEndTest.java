package dev.ums.protocol.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A link's end as one sentence: what the peer chose (its close reason) is quoted as text only. */
class LinkEndTest {
    @Test
    void aPeersCloseReasonCannotStartALineInTheSentence() {
        LinkEnd end = new LinkEnd(LinkEnd.Kind.CLOSED, 4000, "bye\nWARN forged line\u202e", Duration.ZERO, null);

        assertThat(end.sentence("the server", URI.create("wss://ums.example:8443/up")))
                .isEqualTo("the server at ums.example:8443 closed the link (4000 bye?WARN forged line?)");
    }
}
