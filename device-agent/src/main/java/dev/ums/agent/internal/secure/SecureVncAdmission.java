package dev.ums.agent.internal.secure;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * How much of the secure VNC port anyone may take before the server vouched for their session password; the port
 * is open to the network and a client proves nothing until then.
 * <ul>
 *   <li>At most {@value #HANDSHAKES_PER_ADDRESS} connections from one address in their handshake at once, so that
 *       one address holding silent connections cannot fill the listener's pool and keep a console out.</li>
 *   <li>At most {@value #CHECKS_PER_ADDRESS} password checks from one address a minute, and
 *       {@value #CHECKS_PER_MINUTE} from all together. The server closes the UP socket of a device that asks it more
 *       than 30 times a minute, so without this anyone reaching the port could keep the device offline; refused
 *       checks are not sent to the server.</li>
 *   <li>A password no server issues ({@link SessionPasswordShape}) is never sent to the server: a blank one, or one
 *       over the server's length limit, would make the server close the device's UP socket as a malformed message.
 *       It counts against its address's {@value #CHECKS_PER_ADDRESS} a minute like a check, so an address sending
 *       them spends its own guesses, but not against the {@value #CHECKS_PER_MINUTE} of all clients, which only
 *       checks the server answers spend; consoles elsewhere keep theirs.</li>
 * </ul>
 * A console opens one connection per session, so these limits are far above what consoles need. An address is one
 * {@link InetAddress}: an IPv6 client with many addresses (a /64) passes the per-address limits, not the limit of
 * {@value #CHECKS_PER_MINUTE} checks in all, which keeps the device's UP socket open. Memory stays
 * bounded: only addresses with a handshake running or a check within the last minute are remembered; those with a
 * check sent to the server are at most {@value #CHECKS_PER_MINUTE}, those with only unsent passwords at most
 * {@value #ADDRESSES_REMEMBERED} (an address beyond those is not counted, its passwords are refused all the same), and
 * each keeps at most its last {@value #CHECKS_PER_ADDRESS} times.
 *
 * <p>Threads: any; every method is synchronized.
 */
final class SecureVncAdmission {
    static final int HANDSHAKES_PER_ADDRESS = 4;
    static final int CHECKS_PER_ADDRESS = 10;
    static final int CHECKS_PER_MINUTE = 20;
    static final int ADDRESSES_REMEMBERED = 256;
    private static final long MINUTE_MILLIS = Duration.ofMinutes(1).toMillis();

    private final Clock clock;
    private final Map<InetAddress, Integer> handshakes = new HashMap<>();
    private final Map<InetAddress, ArrayDeque<Long>> checksByAddress = new HashMap<>();
    private final ArrayDeque<Long> checks = new ArrayDeque<>();

    SecureVncAdmission(Clock clock) {
        this.clock = clock;
    }

    /** Whether a connection from {@code address} may start its handshake; if so, {@link #handshakeEnded} follows. */
    synchronized boolean startHandshake(InetAddress address) {
        int running = handshakes.getOrDefault(address, 0);
        if (running >= HANDSHAKES_PER_ADDRESS) {
            return false;
        }
        handshakes.put(address, running + 1);
        return true;
    }

    synchronized void handshakeEnded(InetAddress address) {
        handshakes.computeIfPresent(address, (a, running) -> running > 1 ? running - 1 : null);
    }

    /** Whether a password from {@code address} may be sent to the server now; a yes counts. */
    synchronized boolean mayCheck(InetAddress address) {
        long now = clock.millis();
        forgetOlderThanAMinute(now);
        ArrayDeque<Long> fromAddress = checksByAddress.getOrDefault(address, new ArrayDeque<>());
        if (checks.size() >= CHECKS_PER_MINUTE || fromAddress.size() >= CHECKS_PER_ADDRESS) {
            return false;
        }
        checks.addLast(now);
        fromAddress.addLast(now);
        checksByAddress.put(address, fromAddress);
        return true;
    }

    /**
     * Counts a password from {@code address} that was refused without asking the server, because no server issues a
     * password of its form, against the address's own {@value #CHECKS_PER_ADDRESS} a minute only.
     */
    synchronized void notSent(InetAddress address) {
        long now = clock.millis();
        forgetOlderThanAMinute(now);
        ArrayDeque<Long> fromAddress = checksByAddress.get(address);
        if (fromAddress == null) {
            if (checksByAddress.size() >= ADDRESSES_REMEMBERED) {
                return;
            }
            fromAddress = new ArrayDeque<>();
            checksByAddress.put(address, fromAddress);
        }
        if (fromAddress.size() >= CHECKS_PER_ADDRESS) {
            fromAddress.removeFirst();
        }
        fromAddress.addLast(now);
    }

    private void forgetOlderThanAMinute(long now) {
        dropOlderThanAMinute(checks, now);
        checksByAddress.values().forEach(times -> dropOlderThanAMinute(times, now));
        checksByAddress.values().removeIf(ArrayDeque::isEmpty);
    }

    private static void dropOlderThanAMinute(ArrayDeque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= MINUTE_MILLIS) {
            times.removeFirst();
        }
    }
}
