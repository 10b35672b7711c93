package dev.ums.relay.handshake;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;

/**
 * Turns at the server's side of TLS handshakes: at most {@link #atOnce()} handshakes work at a time, the others wait
 * in the order they asked. A handshake holds its turn while the server computes its answer to the client's hello
 * (the key exchange and the signature), not while the client computes its own part, so a few turns keep the
 * processors busy. Without turns, a crowd of handshakes shares the processors and each finishes late, all of them
 * together; with turns they finish one after the other, the first soon. The load balancer's health checks go
 * before the others. The waiting set holds one entry per open
 * connection that has sent its hello and not had its turn: it is bounded by the connections a peer may hold before
 * it authenticated (the per-address limit) and by the idle timeout, which closes a connection that waits too long.
 * Thread-safe; {@link Turn#admit} is called without a lock held, on the thread that ended the previous turn.
 */
public final class HandshakeTurns {
    /** A handshake that waits for its turn. */
    public interface Turn {
        /** It is this handshake's turn; must not block (hand the work to another thread). */
        void admit();
    }

    private final int atOnce;
    /** The load balancer's own connections (its health checks), admitted before the others. */
    private final LinkedHashSet<Turn> ahead = new LinkedHashSet<>();
    private final LinkedHashSet<Turn> waiting = new LinkedHashSet<>();
    private int working;
    private long withdrawn;
    /** Since the last {@link #queueReport}: turns granted, withdrawn, the most that waited at once. */
    private long grantedSinceReport;
    private long withdrawnSinceReport;
    private int mostWaitingSinceReport;

    /** Turns for {@code atOnce} handshakes at a time (at least 1). */
    public HandshakeTurns(int atOnce) {
        if (atOnce < 1) {
            throw new IllegalArgumentException("at least one handshake must be allowed at a time, got " + atOnce);
        }
        this.atOnce = atOnce;
    }

    /** Two handshakes per processor: one computing while the other's thread writes or is being scheduled. */
    public static HandshakeTurns forProcessors() {
        return new HandshakeTurns(2 * Runtime.getRuntime().availableProcessors());
    }

    public int atOnce() {
        return atOnce;
    }

    /**
     * Asks for a turn: true when it is granted at once (the caller goes on), false when {@code turn} waits and
     * its {@link Turn#admit} will be called once an earlier turn ends.
     */
    public boolean request(Turn turn) {
        return request(turn, waiting);
    }

    /**
     * As {@link #request}, for a handshake that goes before every waiting one: the load balancer's health check,
     * which must not wait behind a crowd or the balancer takes this server for dead.
     */
    public boolean requestAhead(Turn turn) {
        return request(turn, ahead);
    }

    private synchronized boolean request(Turn turn, LinkedHashSet<Turn> queue) {
        if (working < atOnce) {
            working++;
            grantedSinceReport++;
            return true;
        }
        queue.add(turn);
        mostWaitingSinceReport = Math.max(mostWaitingSinceReport, waiting.size() + ahead.size());
        return false;
    }

    /** A turn ended: the longest waiting handshake, if any, has its turn now. Call once per granted turn. */
    public void finished() {
        Turn next;
        synchronized (this) {
            Iterator<Turn> first = ahead.isEmpty() ? waiting.iterator() : ahead.iterator();
            if (!first.hasNext()) {
                working--;
                return;
            }
            next = first.next();
            first.remove();
            grantedSinceReport++;
        }
        next.admit();
    }

    /**
     * A waiting handshake that no longer wants its turn (its connection closed): true when it was still waiting;
     * false when its turn was already granted, and then its owner must call {@link #finished} for it.
     */
    public boolean withdraw(Turn turn) {
        synchronized (this) {
            boolean was = waiting.remove(turn) || ahead.remove(turn);
            if (was) {
                withdrawn++;
                withdrawnSinceReport++;
            }
            return was;
        }
    }

    /**
     * A sentence on the handshakes since the last call when some had to wait (a crowd arrived), else empty; for a log
     * line now and then.
     */
    public synchronized Optional<String> queueReport() {
        String report = mostWaitingSinceReport == 0 ? null : String.format("TLS handshakes took turns: %d began, up to "
                + "%d waited at once, %d of those closed by their client before their turn (%d at a time)",
                grantedSinceReport, mostWaitingSinceReport, withdrawnSinceReport, atOnce);
        grantedSinceReport = 0;
        withdrawnSinceReport = 0;
        mostWaitingSinceReport = 0;
        return Optional.ofNullable(report);
    }

    /** Handshakes working now. */
    public synchronized int working() {
        return working;
    }

    /** Handshakes waiting for their turn now. */
    public synchronized int waiting() {
        return waiting.size() + ahead.size();
    }

    /** Of those, the ones that go first. */
    public synchronized int waitingAhead() {
        return ahead.size();
    }

    /** Waiting handshakes whose connection closed before their turn (no handshake work spent on them), since start. */
    public synchronized long withdrawn() {
        return withdrawn;
    }
}
