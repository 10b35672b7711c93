package dev.ums.icg.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.time.MovableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Wrong gateway secrets are counted per address for a minute; the memory of addresses is bounded. */
class SecretGuessesTest {
    private final MovableClock clock = MovableClock.now();
    private final SecretGuesses guesses = new SecretGuesses(clock);

    @Test
    void anAddressIsRefusedAfterItsWrongGuessesUntilItsMinuteIsOver() {
        for (int i = 0; i < SecretGuesses.PER_MINUTE; i++) {
            assertThat(guesses.exhausted("192.0.2.1")).isFalse();
            guesses.wrong("192.0.2.1");
        }
        assertThat(guesses.exhausted("192.0.2.1")).isTrue();
        assertThat(guesses.exhausted("192.0.2.2")).as("another address").isFalse();

        clock.advance(Duration.ofSeconds(59));
        assertThat(guesses.exhausted("192.0.2.1")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(guesses.exhausted("192.0.2.1")).isFalse();
        guesses.wrong("192.0.2.1");
        assertThat(guesses.exhausted("192.0.2.1")).as("a new minute, counted afresh").isFalse();
    }

    @Test
    void whenEveryPlaceIsTakenNewAddressesAreNotCountedAndExpiredOnesMakeRoom() {
        for (int i = 0; i < SecretGuesses.ADDRESSES; i++) {
            for (int n = 0; n < SecretGuesses.PER_MINUTE; n++) {
                guesses.wrong("10.0." + (i / 256) + "." + (i % 256));
            }
        }
        for (int n = 0; n < SecretGuesses.PER_MINUTE; n++) {
            guesses.wrong("192.0.2.9");
        }
        assertThat(guesses.exhausted("192.0.2.9")).as("not remembered, so never shut out").isFalse();
        assertThat(guesses.exhausted("10.0.0.0")).isTrue();

        clock.advance(Duration.ofMinutes(1));
        for (int n = 0; n < SecretGuesses.PER_MINUTE; n++) {
            guesses.wrong("192.0.2.9");
        }
        assertThat(guesses.exhausted("192.0.2.9")).as("the expired windows made room").isTrue();
    }
}
