package dev.ums.agent.internal.secure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SecureVncAdmissionTest {
    private Instant now = Instant.parse("2026-12-07T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final SecureVncAdmission admission = new SecureVncAdmission(clock);

    @Test
    void anAddressMayCheckTenPasswordsAMinuteAndAgainOnceTheFirstIsAMinuteOld() throws Exception {
        InetAddress client = InetAddress.getByName("192.0.2.7");
        for (int i = 0; i < SecureVncAdmission.CHECKS_PER_ADDRESS; i++) {
            assertThat(admission.mayCheck(client)).isTrue();
            now = now.plusSeconds(1);
        }
        assertThat(admission.mayCheck(client)).isFalse();

        now = now.plus(Duration.ofSeconds(50));
        assertThat(admission.mayCheck(client)).as("the first check is a minute old").isTrue();
        assertThat(admission.mayCheck(client)).as("the second is not yet").isFalse();
    }

    @Test
    void allAddressesTogetherMayCheckTwentyAMinute() throws Exception {
        for (int i = 0; i < SecureVncAdmission.CHECKS_PER_MINUTE; i++) {
            assertThat(admission.mayCheck(InetAddress.getByName("192.0.2." + (i + 1)))).isTrue();
        }
        assertThat(admission.mayCheck(InetAddress.getByName("198.51.100.1"))).isFalse();

        now = now.plus(Duration.ofMinutes(1));
        assertThat(admission.mayCheck(InetAddress.getByName("198.51.100.1"))).isTrue();
    }

    @Test
    void aPasswordNotSentCountsAgainstItsAddressButNotAgainstAllClients() throws Exception {
        InetAddress client = InetAddress.getByName("192.0.2.7");
        for (int i = 0; i < SecureVncAdmission.CHECKS_PER_MINUTE + 5; i++) {
            admission.notSent(client);
        }
        assertThat(admission.mayCheck(client)).isFalse();
        for (int i = 0; i < SecureVncAdmission.CHECKS_PER_MINUTE; i++) {
            assertThat(admission.mayCheck(InetAddress.getByName("198.51.100." + (i + 1)))).as("client %d", i).isTrue();
        }

        now = now.plus(Duration.ofMinutes(1));
        assertThat(admission.mayCheck(client)).isTrue();
    }

    @Test
    void anAddressHasFourHandshakesAtOnceAndAnotherOnceOneEnds() throws Exception {
        InetAddress client = InetAddress.getByName("192.0.2.7");
        for (int i = 0; i < SecureVncAdmission.HANDSHAKES_PER_ADDRESS; i++) {
            assertThat(admission.startHandshake(client)).isTrue();
        }
        assertThat(admission.startHandshake(client)).isFalse();
        assertThat(admission.startHandshake(InetAddress.getByName("192.0.2.8"))).isTrue();

        admission.handshakeEnded(client);
        assertThat(admission.startHandshake(client)).isTrue();
    }
}
