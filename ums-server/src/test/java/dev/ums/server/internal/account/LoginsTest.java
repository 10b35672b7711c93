package dev.ums.server.internal.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A login whose throttle store is busy (a cluster's counts under a flood): answered busy, or logged in all the same. */
class LoginsTest {
    private final MemoryWebSessions sessions = new MemoryWebSessions(Clock.systemUTC());

    @Test
    void aStoreTooBusyToAdmitTheAttemptAnswersItBusyWithoutCheckingThePassword() {
        AtomicInteger checked = new AtomicInteger();
        try (PasswordChecks checks = new PasswordChecks((user, password) -> checked.incrementAndGet() > 0)) {
            Logins logins = new Logins(new LoginThrottle(Clock.systemUTC(), new BusyOnCalls(Set.of(1))), checks, sessions);
            assertThat(logins.attempt("admin", "right".toCharArray(), "10.0.0.1")).isInstanceOf(Logins.Busy.class);
            assertThat(checked).hasValue(0);
        }
    }

    @Test
    void aStoreTooBusyToTakeARightPasswordsChargeBackStillLogsItIn() {
        try (PasswordChecks checks = new PasswordChecks((user, password) -> true)) {
            Logins logins = new Logins(new LoginThrottle(Clock.systemUTC(), new BusyOnCalls(Set.of(2))), checks, sessions);
            Logins.Outcome outcome = logins.attempt("admin", "right".toCharArray(), "10.0.0.1");
            assertThat(outcome).isInstanceOf(Logins.LoggedIn.class);
            assertThat(sessions.user(((Logins.LoggedIn) outcome).sessionId())).contains("admin");
        }
    }

    /** The memory store, except that the calls it is told (counted from 1) throw {@link ThrottleStore.Busy}. */
    private static final class BusyOnCalls implements ThrottleStore {
        private final MemoryThrottleStore tables = new MemoryThrottleStore();
        private final Set<Integer> busy;
        private final AtomicInteger calls = new AtomicInteger();

        BusyOnCalls(Set<Integer> busy) {
            this.busy = busy;
        }

        @Override
        public <T> T atomically(Function<Tables, T> work) {
            if (busy.contains(calls.incrementAndGet())) {
                throw new Busy("busy for the test");
            }
            return tables.atomically(work);
        }
    }
}
