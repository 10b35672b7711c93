package dev.ums.server.internal.account;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * Unknown user names are counted exactly like known ones. All tables are bounded (least recently used keys
 * dropped first) and forget keys an hour after their last failure. Any thread may call it.
 */
public final class LoginThrottle {
    static final int ADDRESS_FREE = 5;
    static final int USER_FREE = 10;
    static final int PAIR_FREE = 5;
    static final Duration CAP = Duration.ofMinutes(15);
    static final Duration TRUSTED_CAP = Duration.ofMinutes(1);
    static final Duration TRUST = Duration.ofDays(30);
    private static final long FORGET_MS = Duration.ofHours(1).toMillis();
    private static final int MAX_KEY_LENGTH = 200;

    private final Clock clock;
    private final FailureCounter byAddress;
    private final FailureCounter byUser;
    private final FailureCounter byPair;
    private final LinkedHashMap<String, Long> trusted;

    /** An admitted attempt; a wrong password needs no report (its charge stands), a right one {@link #succeeded}. */
    public record Ticket(String user, String address, boolean trusted) {
    }

    public LoginThrottle(Clock clock) {
        this(clock, 100_000, 10_000);
    }

    LoginThrottle(Clock clock, int maxAddresses, int maxUsers) {
        this.clock = clock;
        this.byAddress = new FailureCounter(ADDRESS_FREE, CAP.toMillis(), FORGET_MS, maxAddresses);
        this.byUser = new FailureCounter(USER_FREE, CAP.toMillis(), FORGET_MS, maxUsers);
        this.byPair = new FailureCounter(PAIR_FREE, TRUSTED_CAP.toMillis(), FORGET_MS, maxAddresses);
        this.trusted = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > maxAddresses;
            }
        };
    }

    /** Admits an attempt (charging it as a failure until told otherwise), or says how long to wait. */
    public synchronized Admission admit(String user, String address) {
        long now = clock.millis();
        String u = bounded(user);
        String pair = u + "\u0000" + address;
        Long trustedAt = trusted.get(pair);
        boolean isTrusted = trustedAt != null && now - trustedAt <= TRUST.toMillis();
        long waitMs = isTrusted ? byPair.waitMs(pair, now)
                : Math.max(byAddress.waitMs(address, now), byUser.waitMs(u, now));
        if (waitMs > 0) {
            return new Admission(null, (waitMs + 999) / 1000);
        }
        if (isTrusted) {
            byPair.charge(pair, now);
        } else {
            byAddress.charge(address, now);
            byUser.charge(u, now);
        }
        return new Admission(new Ticket(u, address, isTrusted), 0);
    }

    /** Either a ticket to go on with, or the seconds to wait. */
    public record Admission(Ticket ticket, long secondsToWait) {
        public boolean admitted() {
            return ticket != null;
        }
    }

    /** The password was right: the charge is taken back and the address becomes trusted for the user. */
    public synchronized void succeeded(Ticket ticket) {
        String pair = ticket.user() + "\u0000" + ticket.address();
        byPair.clear(pair);
        if (!ticket.trusted()) {
            byAddress.clear(ticket.address());
            byUser.refund(ticket.user());
        }
        trusted.put(pair, clock.millis());
    }

    /** The password could not be checked (the server was busy): the charge is taken back. */
    public synchronized void cancelled(Ticket ticket) {
        if (ticket.trusted()) {
            byPair.refund(ticket.user() + "\u0000" + ticket.address());
        } else {
            byAddress.refund(ticket.address());
            byUser.refund(ticket.user());
        }
    }

    /** Forgets quiet keys and lapsed trust; called from housekeeping. */
    public synchronized void expire() {
        long now = clock.millis();
        byAddress.expire(now);
        byUser.expire(now);
        byPair.expire(now);
        trusted.values().removeIf(at -> now - at > TRUST.toMillis());
    }

    synchronized int keys() {
        return byAddress.size() + byUser.size() + byPair.size() + trusted.size();
    }

    private static String bounded(String user) {
        return user.length() <= MAX_KEY_LENGTH ? user : user.substring(0, MAX_KEY_LENGTH);
    }
}
