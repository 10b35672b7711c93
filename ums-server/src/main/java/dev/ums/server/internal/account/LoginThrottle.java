package dev.ums.server.internal.account;

import dev.ums.server.internal.account.ThrottleStore.Kind;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows password guessing without letting anyone lock an administrator out for good. The policy (also in
 * docs/SECURITY.md, "Login throttling"):
 * <ul>
 *   <li>Per address, whatever the user name: 5 attempts free, then 1 s, 2 s, 4 s … up to 15 min between
 *       attempts.</li>
 *   <li>Per user name, across all addresses: 10 attempts free, then 1 s, 2 s … up to 15 min.</li>
 *   <li>An address from which that user logged in within 30 days is <em>trusted</em> for that user: its
 *       attempts count only against their own (user, address) pair (5 free, then up to 1 min), not against
 *       the address or the user. An attacker elsewhere cannot keep the administrator out at their usual
 *       address, and an attacker sharing that address holds them up for at most a minute at a time.</li>
 * </ul>
 * Every attempt is admitted and charged as a failure in one step under one lock, before its password is
 * checked, so simultaneous attempts cannot slip past the count; a right password takes its charge back.
 * Unknown user names are counted exactly like known ones. The tables forget keys an hour after their last
 * failure; they live in memory (bounded, least recently used keys dropped first) or, for a cluster, in the
 * database ({@link ThrottleStore}), where every node counts the same attempts. Any thread may call it.
 */
public final class LoginThrottle {
    static final int ADDRESS_FREE = 5;
    static final int USER_FREE = 10;
    static final int PAIR_FREE = 5;
    static final Duration CAP = Duration.ofMinutes(15);
    static final Duration TRUSTED_CAP = Duration.ofMinutes(1);
    static final Duration TRUST = Duration.ofDays(30);
    static final long FORGET_MS = Duration.ofHours(1).toMillis();
    private static final int MAX_KEY_LENGTH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    private final Clock clock;
    private final ThrottleStore store;

    /** An admitted attempt; a wrong password needs no report (its charge stands), a right one {@link #succeeded}. */
    public record Ticket(String user, String address, boolean trusted) {
    }

    public LoginThrottle(Clock clock) {
        this(clock, new MemoryThrottleStore());
    }

    LoginThrottle(Clock clock, int maxAddresses, int maxUsers) {
        this(clock, new MemoryThrottleStore(maxAddresses, maxUsers));
    }

    public LoginThrottle(Clock clock, ThrottleStore store) {
        this.clock = clock;
        this.store = store;
    }

    /** Admits an attempt (charging it as a failure until told otherwise), or says how long to wait. */
    public Admission admit(String user, String address) {
        long now = clock.millis();
        String u = bounded(user);
        String pair = u + "\u0000" + address;
        return store.atomically(t -> {
            Long trustedAt = t.trustedAt(pair);
            boolean isTrusted = trustedAt != null && now - trustedAt <= TRUST.toMillis();
            long waitMs = isTrusted ? t.counter(Kind.PAIR).waitMs(pair, now)
                    : Math.max(t.counter(Kind.ADDRESS).waitMs(address, now), t.counter(Kind.USER).waitMs(u, now));
            if (waitMs > 0) {
                return new Admission(null, (waitMs + 999) / 1000);
            }
            if (isTrusted) {
                t.counter(Kind.PAIR).charge(pair, now);
            } else {
                t.counter(Kind.ADDRESS).charge(address, now);
                t.counter(Kind.USER).charge(u, now);
            }
            return new Admission(new Ticket(u, address, isTrusted), 0);
        });
    }

    /** Either a ticket to go on with, or the seconds to wait. */
    public record Admission(Ticket ticket, long secondsToWait) {
        public boolean admitted() {
            return ticket != null;
        }
    }

    /** The password was right: the charge is taken back and the address becomes trusted for the user. */
    public void succeeded(Ticket ticket) {
        String pair = ticket.user() + "\u0000" + ticket.address();
        long now = clock.millis();
        store.atomically(t -> {
            t.counter(Kind.PAIR).clear(pair);
            if (!ticket.trusted()) {
                t.counter(Kind.ADDRESS).clear(ticket.address());
                t.counter(Kind.USER).refund(ticket.user());
            }
            t.trust(pair, now);
            return null;
        });
    }

    /** The password could not be checked (the server was busy): the charge is taken back. */
    public void cancelled(Ticket ticket) {
        store.atomically(t -> {
            if (ticket.trusted()) {
                t.counter(Kind.PAIR).refund(ticket.user() + "\u0000" + ticket.address());
            } else {
                t.counter(Kind.ADDRESS).refund(ticket.address());
                t.counter(Kind.USER).refund(ticket.user());
            }
            return null;
        });
    }

    /** Forgets quiet keys and lapsed trust; called from housekeeping (a store busy with logins: the next call). */
    public void expire() {
        long now = clock.millis();
        try {
            store.atomically(t -> {
                t.expire(now, TRUST.toMillis());
                return null;
            });
        } catch (ThrottleStore.Busy e) {
            LOG.debug("old login counts are forgotten later: {}", e.getMessage());
        }
    }

    int keys() {
        return store.atomically(ThrottleStore.Tables::size);
    }

    private static String bounded(String user) {
        return user.length() <= MAX_KEY_LENGTH ? user : user.substring(0, MAX_KEY_LENGTH);
    }
}
