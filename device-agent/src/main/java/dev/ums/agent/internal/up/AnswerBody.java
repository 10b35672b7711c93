package dev.ums.agent.internal.up;

import static dev.ums.protocol.io.Closeables.closeQuietly;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The body of the server's answer to an enrollment, read as text: at most {@value #MAX_BYTES} bytes (an enrollment
 * answer or an error's sentence is a few hundred), all within a time limit, so that a server sending without end, or
 * slowly, can neither fill the agent's memory nor hold its start. Called on the thread starting the agent.
 */
final class AnswerBody {
    static final int MAX_BYTES = 64 * 1024;

    /** The answer was longer than {@link #MAX_BYTES}, or did not end in time; the message says which. */
    static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    private AnswerBody() {
    }

    /**
     * Reads {@code body} to its end and closes it.
     *
     * @throws RefusedException when it is longer than {@link #MAX_BYTES} or does not end within {@code limit}
     * @throws IOException      when the connection fails
     */
    static String read(InputStream body, Duration limit) throws IOException {
        AtomicBoolean late = new AtomicBoolean();
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(() -> {
            late.set(true); // before the close, which wakes the reader
            closeQuietly(body);
        }, CompletableFuture.delayedExecutor(limit.toMillis(), TimeUnit.MILLISECONDS));
        try (body) {
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new RefusedException("the server's enrollment answer is larger than " + MAX_BYTES / 1024 + " KiB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (late.get() && !(e instanceof RefusedException)) {
                throw new RefusedException("the server's enrollment answer did not arrive within " + limit.toSeconds()
                        + " s");
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }
}
