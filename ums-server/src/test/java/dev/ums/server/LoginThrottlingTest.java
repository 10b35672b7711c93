package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.server.internal.account.PasswordHasher;
import dev.ums.testkit.time.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login throttling through the REST API: atomic under concurrency, the same cost for every user name. */
class LoginThrottlingTest {
    @TempDir
    Path data;
    MovableClock clock = MovableClock.now();
    UmsServer server;

    @BeforeEach
    void start() throws Exception {
        // a hundred connections from one address at once: above the default per-address limit of
        // unauthenticated connections, which would refuse some before the throttle sees them
        server = UmsServer.start(ServerConfig.forTests(data).withClock(clock).withUnauthenticatedPerAddress(200));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void ofAHundredSimultaneousWrongPasswordsExactlyTheFreeFiveAreChecked() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Callable<Integer>> tries = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                RestClient client = new RestClient(server);
                tries.add(() -> client.login("admin", "wrong").status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tries)) {
                statuses.add(f.get());
            }
            assertThat(statuses.stream().filter(s -> s == 401)).hasSize(5);
            assertThat(statuses.stream().filter(s -> s == 429)).hasSize(95);
        } finally {
            pool.shutdownNow();
        }
        RestClient rest = new RestClient(server);
        assertThat(rest.login("admin", "admin-secret").status()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(1));
        assertThat(rest.login("admin", "admin-secret").status()).isEqualTo(200);
    }

    @Test
    void unknownAndKnownUsersCostOneSlowHashEach() {
        RestClient rest = new RestClient(server);
        long before = PasswordHasher.derivations();
        assertThat(rest.login("admin", "wrong").status()).isEqualTo(401);
        long known = PasswordHasher.derivations() - before;
        before = PasswordHasher.derivations();
        assertThat(rest.login("nobody", "wrong").status()).isEqualTo(401);
        long unknown = PasswordHasher.derivations() - before;
        assertThat(known).isEqualTo(1);
        assertThat(unknown).isEqualTo(1);
    }
}
