package dev.ums.server.internal.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.time.MovableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A single server's logins keep the shadow sessions opened in them only until those end. */
class MemoryWebSessionsTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final MemoryWebSessions sessions = new MemoryWebSessions(clock);

    @Test
    void aShadowSessionThatEndedIsNoLongerItsLoginsAndIsNotAnsweredAtTheLoginsEnd() {
        String login = sessions.open("admin");
        String other = sessions.open("admin");
        sessions.opened(login, "ended");
        sessions.opened(login, "open");
        sessions.opened(other, "idle");

        sessions.ended("ended");
        sessions.ended("never-opened");

        assertThat(sessions.owns(login, "ended")).isFalse();
        assertThat(sessions.owns(login, "open")).isTrue();
        assertThat(sessions.close(login)).containsExactly("open");
        clock.advance(WebSessions.IDLE.plusSeconds(1));
        assertThat(sessions.expireIdle()).containsExactly("idle");
    }
}
