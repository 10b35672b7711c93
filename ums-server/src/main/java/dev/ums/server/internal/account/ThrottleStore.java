package dev.ums.server.internal.account;

import java.util.function.Function;

/**
 * Where {@link LoginThrottle} keeps its counts: in this server's memory, or in the database for a cluster, where
 * every node counts the same attempts. Implementations are thread-safe.
 */
public interface ThrottleStore {
    /** How long a key is remembered after its last failure. */
    long FORGET_MS = LoginThrottle.FORGET_MS;

    /** The three tables of failures the policy keeps, with their free attempts and longest delay. */
    enum Kind {
        ADDRESS(LoginThrottle.ADDRESS_FREE, LoginThrottle.CAP.toMillis()),
        USER(LoginThrottle.USER_FREE, LoginThrottle.CAP.toMillis()),
        PAIR(LoginThrottle.PAIR_FREE, LoginThrottle.TRUSTED_CAP.toMillis());

        public final int free;
        public final long capMs;

        Kind(int free, long capMs) {
            this.free = free;
            this.capMs = capMs;
        }
    }

    /**
     * Runs {@code work} on the tables, atomically with respect to every other call (on every node); throws
     * {@link Busy} when the store could not take the call in time.
     */
    <T> T atomically(Function<Tables, T> work);

    /** The store is busy with other attempts (on this node, or another node holds its lock): try again shortly. */
    final class Busy extends RuntimeException {
        public Busy(String message) {
            super(message, null, false, false);
        }
    }

    /** The tables, valid only inside {@link #atomically}. */
    interface Tables {
        /** Failures per key of one kind, with that kind's free attempts and cap. */
        Counter counter(Kind kind);

        /** When the (user, address) pair last logged in, or null. */
        Long trustedAt(String pair);

        void trust(String pair, long at);

        /** Forgets quiet keys and trust older than {@code trustMs}. */
        void expire(long now, long trustMs);

        int size();
    }

    /** Failed logins per key with an exponential delay (see {@link FailureCounter}). */
    interface Counter {
        /** Milliseconds {@code key} must still wait, 0 when an attempt is allowed now. */
        long waitMs(String key, long now);

        /** Counts a failure (or an attempt not yet known to succeed) and sets the delay before the next one. */
        void charge(String key, long now);

        /** Takes back one charge; the delay already set stays. */
        void refund(String key);

        void clear(String key);
    }

    /** The delay after {@code failures} failures of which {@code free} cost nothing. */
    static long blockedUntil(int failures, int free, long capMs, long now) {
        int over = failures - free;
        return over < 0 ? 0 : now + Math.min(capMs, 1000L << Math.min(30, over));
    }
}
