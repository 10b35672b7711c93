package dev.ums.testkit.device;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts what happened to a group of fake devices (one device, or a fleet sharing one instance): how many are
 * online, how many shadow requests they were asked and accepted, and failed dials with the first one's cause.
 * Thread-safe; devices count from the HTTP client's threads, readers read from any thread.
 */
public final class DeviceCounters {
    private final AtomicInteger online = new AtomicInteger();
    private final AtomicInteger shadowRequests = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger failedDials = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    /** Failed dials since the last {@link #takeFailures()}, and the first one's cause (null when none failed). */
    public record Failures(int count, String first) {
    }

    /** Devices welcomed by the server whose link is still up. */
    public int online() {
        return online.get();
    }

    /** Shadow requests ({@code shadow.open}) that arrived. */
    public int shadowRequests() {
        return shadowRequests.get();
    }

    /** Shadow requests answered {@code ACCEPTED} with a tunnel opened. */
    public int accepted() {
        return accepted.get();
    }

    /** The failed dials since the last call; counting starts again from zero. */
    public Failures takeFailures() {
        return new Failures(failedDials.getAndSet(0), firstFailure.getAndSet(null));
    }

    void wentOnline() {
        online.incrementAndGet();
    }

    void wentOffline() {
        online.decrementAndGet();
    }

    void askedToShadow() {
        shadowRequests.incrementAndGet();
    }

    void acceptedShadow() {
        accepted.incrementAndGet();
    }

    void dialFailed(Throwable cause) {
        failedDials.incrementAndGet();
        firstFailure.compareAndSet(null, String.valueOf(cause));
    }
}
