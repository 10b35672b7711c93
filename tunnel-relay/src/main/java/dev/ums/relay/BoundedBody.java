package dev.ums.relay;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without holding a thread while the bytes are on their way: it reads what has arrived,
 * asks Jetty to call back when more comes, and gives up when the body grows past its limit or arrives slower
 * than the minimum rate (after a grace period) or not within the deadline. The result completes on the Jetty
 * thread that delivered the last bytes, or on Jetty's scheduler when the body was refused.
 */
public final class BoundedBody implements Runnable {
    /** How large a body may be and how fast it must arrive. */
    public record Limits(int maxBytes, Duration grace, int minBytesPerSecond, Duration deadline) {
        /** Calls anyone may make (enrollment): small bodies that arrive in one go. */
        public static final Limits UNAUTHENTICATED = new Limits(16 * 1024, Duration.ofSeconds(5), 256,
                Duration.ofSeconds(30));
        /** Calls of a signed-in administrator. */
        public static final Limits AUTHENTICATED = new Limits(1 << 20, Duration.ofSeconds(10), 1024,
                Duration.ofSeconds(120));
    }

    /** Why a body was not read. */
    public enum Refusal {
        TOO_LARGE, TOO_SLOW, UNREADABLE
    }

    /** A body that was not read, and why. */
    public static final class RefusedException extends Exception {
        private final Refusal refusal;
        private final transient Limits limits;

        RefusedException(Refusal refusal, Limits limits, Throwable cause) {
            super(refusal.name(), cause);
            this.refusal = refusal;
            this.limits = limits;
        }

        public Refusal refusal() {
            return refusal;
        }

        public Limits limits() {
            return limits;
        }

        /** The HTTP status that answers this refusal. */
        public int status() {
            return switch (refusal) {
                case TOO_LARGE -> 413;
                case TOO_SLOW -> 408;
                case UNREADABLE -> 400;
            };
        }

        /** The sentence that answers it. */
        public String sentence() {
            return switch (refusal) {
                case TOO_LARGE -> "the request body is larger than " + sizeText(limits.maxBytes());
                case TOO_SLOW -> "the request body arrived too slowly (at least " + limits.minBytesPerSecond()
                        + " bytes a second, all within " + limits.deadline().toSeconds() + " seconds)";
                case UNREADABLE -> "the request body could not be read";
            };
        }

        private static String sizeText(int bytes) {
            return bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB" : bytes / 1024 + " KiB";
        }
    }

    /**
     * Whether {@code request} announces a body (a length above zero, or chunks). An answer given without reading
     * it must close the connection and say so ({@code Connection: close}): the unread bytes end the connection
     * once the answer is out, and a client that was not told would send its next request into that close.
     */
    public static boolean declared(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    private final Request request;
    private final Limits limits;
    private final Scheduler scheduler;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long started = System.nanoTime();
    private byte[] bytes = new byte[1024];
    private volatile int received;

    private BoundedBody(Request request, Limits limits) {
        this.request = request;
        this.limits = limits;
        this.scheduler = request.getComponents().getScheduler();
    }

    /** Starts reading {@code request}'s body; completes with its bytes or fails with a {@link RefusedException}. */
    public static CompletableFuture<byte[]> read(Request request, Limits limits) {
        BoundedBody body = new BoundedBody(request, limits);
        if (request.getLength() > limits.maxBytes()) {
            body.refuse(Refusal.TOO_LARGE, null);
        } else {
            body.watch();
            body.run();
        }
        return body.result;
    }

    /** Reads what has arrived; called again by Jetty when more has. */
    @Override
    public void run() {
        while (!result.isDone()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                refuse(Refusal.UNREADABLE, chunk.getFailure());
                return;
            }
            boolean fits = append(chunk.getByteBuffer());
            boolean last = chunk.isLast();
            chunk.release();
            if (!fits) {
                refuse(Refusal.TOO_LARGE, null);
                return;
            }
            if (last) {
                result.complete(Arrays.copyOf(bytes, received));
                return;
            }
        }
    }

    private boolean append(ByteBuffer buffer) {
        int n = buffer.remaining();
        if ((long) received + n > limits.maxBytes()) {
            return false;
        }
        if (received + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limits.maxBytes(), Math.max(bytes.length * 2, received + n)));
        }
        buffer.get(bytes, received, n);
        received += n;
        return true;
    }

    private void watch() {
        scheduler.schedule(this::check, 1, TimeUnit.SECONDS);
    }

    private void check() {
        if (result.isDone()) {
            return;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double owed = limits.minBytesPerSecond() * (seconds - limits.grace().toMillis() / 1000.0);
        if (seconds > limits.deadline().toMillis() / 1000.0 || received < owed) {
            refuse(Refusal.TOO_SLOW, null);
        } else {
            watch();
        }
    }

    private void refuse(Refusal refusal, Throwable cause) {
        RefusedException refused = new RefusedException(refusal, limits, cause);
        if (result.completeExceptionally(refused) && refusal != Refusal.UNREADABLE) {
            // the bytes still on their way are not wanted: the connection is closed after the answer
            request.fail(refused);
        }
    }
}
