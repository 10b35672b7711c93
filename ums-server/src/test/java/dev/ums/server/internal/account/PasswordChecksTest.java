package dev.ums.server.internal.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Password checks run on a bounded pool: beyond its threads and queue a check answers BUSY at once. */
class PasswordChecksTest {
    @Test
    void beyondThreadsAndQueueAChecksAnswersBusy() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (PasswordChecks checks = new PasswordChecks((user, password) -> {
            running.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return user.equals("admin");
        }, 1, 1)) {
            CompletableFuture<PasswordChecks.Result> first =
                    CompletableFuture.supplyAsync(() -> checks.check("admin", new char[0]));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<PasswordChecks.Result> queued =
                    CompletableFuture.supplyAsync(() -> checks.check("other", new char[0]));
            while (!queuedYet(checks)) {
                Thread.onSpinWait();
            }
            assertThat(checks.check("third", new char[0])).isEqualTo(PasswordChecks.Result.BUSY);
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(PasswordChecks.Result.RIGHT);
            assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo(PasswordChecks.Result.WRONG);
        }
    }

    private static boolean queuedYet(PasswordChecks checks) {
        return checks.queued() == 1;
    }
}
