package dev.ums.server.internal.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.time.MovableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The throttling policy, address by address and user by user, on a clock the test moves. */
class LoginThrottleTest {
    private final MovableClock clock = MovableClock.now();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void anAddressGetsFiveFreeAttemptsThenDoublingDelaysUpToACap() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.admit("user" + i, "10.0.0.1").admitted()).isTrue();
        }
        assertThat(throttle.admit("someone-else", "10.0.0.1").secondsToWait()).isEqualTo(1);
        long[] expected = {2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900};
        for (long wait : expected) {
            clock.advance(Duration.ofSeconds(throttle.admit("x", "10.0.0.1").secondsToWait()));
            assertThat(throttle.admit("x", "10.0.0.1").admitted()).isTrue();
            assertThat(throttle.admit("x", "10.0.0.1").secondsToWait()).isEqualTo(wait);
        }
    }

    @Test
    void aUserIsCountedAcrossAllAddresses() {
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.admit("admin", "10.0.1." + i).admitted()).isTrue();
        }
        LoginThrottle.Admission rotated = throttle.admit("admin", "10.0.2.1");
        assertThat(rotated.admitted()).isFalse();
        assertThat(rotated.secondsToWait()).isEqualTo(1);
        assertThat(throttle.admit("other-user", "10.0.2.1").admitted()).isTrue();
    }

    @Test
    void anAttackElsewhereNeverHoldsUpTheAdministratorAtAnAddressTheyLoggedInFrom() {
        LoginThrottle.Admission first = throttle.admit("admin", "192.168.1.5");
        throttle.succeeded(first.ticket());
        for (int i = 0; i < 1000; i++) {
            throttle.admit("admin", "10.9." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.admit("admin", "10.99.0.1").admitted()).isFalse();
        LoginThrottle.Admission atHome = throttle.admit("admin", "192.168.1.5");
        assertThat(atHome.admitted()).isTrue();
        assertThat(atHome.ticket().trusted()).isTrue();
    }

    @Test
    void anAttackerSharingTheTrustedAddressHoldsTheAdministratorUpAtMostAMinute() {
        throttle.succeeded(throttle.admit("admin", "192.168.1.5").ticket());
        for (int i = 0; i < 200; i++) {
            LoginThrottle.Admission a = throttle.admit("admin", "192.168.1.5");
            if (!a.admitted()) {
                assertThat(a.secondsToWait()).isLessThanOrEqualTo(60);
                clock.advance(Duration.ofSeconds(a.secondsToWait()));
            }
        }
        LoginThrottle.Admission waiting = throttle.admit("admin", "192.168.1.5");
        if (waiting.admitted()) {
            waiting = throttle.admit("admin", "192.168.1.5");
        }
        assertThat(waiting.secondsToWait()).isEqualTo(60);
        clock.advance(Duration.ofSeconds(60));
        assertThat(throttle.admit("admin", "192.168.1.5").admitted()).isTrue();
    }

    @Test
    void aRightPasswordTakesItsChargeBackAndTrustLapsesAfterThirtyDays() {
        for (int i = 0; i < 4; i++) {
            throttle.admit("admin", "10.0.0.7");
        }
        throttle.succeeded(throttle.admit("admin", "10.0.0.7").ticket());
        clock.advance(Duration.ofDays(31));
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.admit("admin", "10.0.0.7").ticket().trusted()).isFalse();
        }
        assertThat(throttle.admit("admin", "10.0.0.7").admitted()).isFalse();
    }

    @Test
    void theTablesStayBoundedAndKeepTheKeysUnderAttack() {
        LoginThrottle small = new LoginThrottle(clock, 1000, 100);
        for (int i = 0; i < 5; i++) {
            small.admit("admin", "10.0.0.1");
        }
        for (int i = 0; i < 20_000; i++) {
            small.admit("user" + i, "10.1." + (i / 250) + "." + (i % 250));
            if (i % 100 == 0) {
                assertThat(small.admit("admin", "10.0.0.1").admitted()).isFalse();
            }
        }
        assertThat(small.keys()).isLessThanOrEqualTo(1000 + 100 + 1000 + 1000);
        assertThat(small.admit("admin", "10.0.0.1").admitted()).isFalse();
    }

    @Test
    void quietKeysAreForgottenAfterAnHour() {
        for (int i = 0; i < 5; i++) {
            throttle.admit("admin", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(61));
        throttle.expire();
        assertThat(throttle.keys()).isZero();
    }
}
