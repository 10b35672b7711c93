package dev.ums.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The TLS random source: it gives random bytes, and a draw never waits for another thread, neither on the instance
 * (as {@link SecureRandom}'s own draws do unless its provider says it is thread-safe) nor on a generator shared with
 * other threads (as every {@code NativePRNG} shares one).
 */
class HandshakeRandomTest {
    private final HandshakeRandom random = new HandshakeRandom();

    @Test
    void drawsDifferentBytesEachTime() {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        random.nextBytes(a);
        random.nextBytes(b);
        assertThat(a).isNotEqualTo(b).isNotEqualTo(new byte[32]);
        assertThat(random.nextInt()).isNotEqualTo(random.nextInt());
        assertThat(random.generateSeed(16)).hasSize(16);
    }

    @Test
    void aDrawDoesNotWaitForTheInstancesMonitor() throws Exception {
        CompletableFuture<byte[]> drawn;
        synchronized (random) {
            drawn = CompletableFuture.supplyAsync(() -> {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                return bytes;
            });
            // completes while this thread still holds the monitor
            assertThat(drawn.get(30, TimeUnit.SECONDS)).isNotEqualTo(new byte[32]);
        }
    }

    @Test
    void eachThreadDrawsFromAGeneratorOfItsOwn() throws Exception {
        SecureRandom mine = random.generatorOfThisThread();
        SecureRandom other = CompletableFuture.supplyAsync(random::generatorOfThisThread).get(30, TimeUnit.SECONDS);
        assertThat(random.generatorOfThisThread()).isSameAs(mine);
        assertThat(other).isNotSameAs(mine);
        assertThat(mine.getAlgorithm()).isEqualTo("DRBG");
    }
}
