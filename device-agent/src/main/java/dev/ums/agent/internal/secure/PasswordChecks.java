package dev.ums.agent.internal.secure;

import dev.ums.agent.internal.shadow.UpSender;
import dev.ums.protocol.up.UpMessage;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the server whether a one-time session password is valid for this device ({@code shadow.password.check})
 * and waits for its {@code shadow.password.verdict}. No answer, or no connection to the server, is a refusal:
 * the device never lets a session in on a password nobody vouched for. A password no server issues is refused without
 * asking ({@link SessionPasswordShape}).
 *
 * <p>Threads: {@link #vouchedFor} blocks a session thread; {@link #verdict} is called on the UP listener thread.
 */
public final class PasswordChecks {
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(PasswordChecks.class);

    private final UpSender up;
    private final BooleanSupplier online;
    /** At most one entry per running handshake, and those are bounded by the listener's pool. */
    private final ConcurrentHashMap<String, CompletableFuture<UpMessage.ShadowPasswordVerdict>> pending = new ConcurrentHashMap<>();

    public PasswordChecks(UpSender up, BooleanSupplier online) {
        this.up = up;
        this.online = online;
    }

    /** The server's verdict if it vouched for {@code password} within {@link #ANSWER_TIMEOUT}; else empty. */
    Optional<UpMessage.ShadowPasswordVerdict> vouchedFor(String password) throws InterruptedException {
        if (!SessionPasswordShape.couldBeIssued(password)) {
            // never sent: the server closes the UP connection of a device sending a blank or over-long password
            return Optional.empty();
        }
        if (!online.getAsBoolean()) {
            LOG.warn("secure VNC: not connected to the server, so no session password can be checked");
            return Optional.empty();
        }
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<UpMessage.ShadowPasswordVerdict> answer = new CompletableFuture<>();
        pending.put(requestId, answer);
        try {
            up.send(new UpMessage.ShadowPasswordCheck(requestId, password));
            return Optional.of(answer.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .filter(UpMessage.ShadowPasswordVerdict::valid);
        } catch (TimeoutException e) {
            LOG.warn("secure VNC: the server did not answer the password check within {} s",
                    ANSWER_TIMEOUT.toSeconds());
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        } finally {
            pending.remove(requestId);
        }
    }

    /** Completes the check the verdict answers; a verdict for no pending check is ignored. */
    public void verdict(UpMessage.ShadowPasswordVerdict verdict) {
        CompletableFuture<UpMessage.ShadowPasswordVerdict> answer = verdict.requestId() == null ? null : pending.remove(verdict.requestId());
        if (answer == null) {
            LOG.debug("ignoring a password verdict for no pending check");
            return;
        }
        answer.complete(verdict);
    }
}
