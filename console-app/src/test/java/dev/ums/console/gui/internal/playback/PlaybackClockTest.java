package dev.ums.console.gui.internal.playback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The player's clock on given times: play, pause, speed without a jump, seek, the end, play again from the start. */
class PlaybackClockTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void movesWithTimeAtItsSpeed() {
        PlaybackClock clock = new PlaybackClock(10_000_000);
        assertThat(clock.position(5 * SECOND)).isZero();
        clock.play(SECOND);
        assertThat(clock.position(3 * SECOND)).isEqualTo(2_000_000);
        clock.setSpeed(4, 3 * SECOND);
        assertThat(clock.position(3 * SECOND)).isEqualTo(2_000_000);
        assertThat(clock.position(4 * SECOND)).isEqualTo(6_000_000);
        clock.pause(4 * SECOND);
        assertThat(clock.position(9 * SECOND)).isEqualTo(6_000_000);
        assertThat(clock.playing()).isFalse();
    }

    @Test
    void stopsAtTheEndAndStartsOverWhenPlayedAgain() {
        PlaybackClock clock = new PlaybackClock(2_000_000);
        clock.setSpeed(0.5, 0);
        clock.play(0);
        assertThat(clock.position(3 * SECOND)).isEqualTo(1_500_000);
        assertThat(clock.position(60 * SECOND)).isEqualTo(2_000_000);
        clock.pause(60 * SECOND);
        clock.play(61 * SECOND);
        assertThat(clock.position(61 * SECOND)).isZero();
    }

    @Test
    void seeksWithinTheRecording() {
        PlaybackClock clock = new PlaybackClock(5_000_000);
        clock.seek(7_000_000, 0);
        assertThat(clock.position(0)).isEqualTo(5_000_000);
        clock.seek(-1, 0);
        assertThat(clock.position(0)).isZero();
        clock.play(0);
        clock.seek(1_000_000, SECOND);
        assertThat(clock.position(2 * SECOND)).isEqualTo(2_000_000);
    }

    @Test
    void clockTextIsMinutesSecondsTenths() {
        assertThat(PlayerWindow.clockText(0)).isEqualTo("0:00.0");
        assertThat(PlayerWindow.clockText(83_456_000)).isEqualTo("1:23.4");
    }
}
