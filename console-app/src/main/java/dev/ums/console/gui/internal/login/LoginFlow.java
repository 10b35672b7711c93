package dev.ums.console.gui.internal.login;

import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ImiException;
import dev.ums.console.core.ImiException.Kind;
import dev.ums.console.core.PresentedCertificate;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.gui.internal.AdminSession;
import dev.ums.console.gui.internal.Edt;
import dev.ums.console.gui.internal.UserSentence;
import dev.ums.console.gui.internal.Workers;
import dev.ums.console.gui.internal.settings.ConsoleSettings;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when the user presses Log in: check the address, fetch and show the certificate of a server
 * met for the first time (or whose certificate changed), pin it if trusted, log in, and hand the session on.
 * Network work runs on workers; the dialog is touched only on the event thread.
 */
public final class LoginFlow {
    private static final Logger LOG = LoggerFactory.getLogger(LoginFlow.class);

    private final LoginDialog dialog;
    private final Supplier<ConsoleSettings> settings;
    private final Consumer<UnaryOperator<ConsoleSettings>> changeSettings;
    private final Consumer<AdminSession> loggedIn;

    /** What one attempt ended with: logged in, or a certificate the user must decide on first. */
    private record Outcome(ImiClient client, PresentedCertificate certificate, String previousPin) {
    }

    public LoginFlow(LoginDialog dialog, Supplier<ConsoleSettings> settings,
                     Consumer<UnaryOperator<ConsoleSettings>> changeSettings, Consumer<AdminSession> loggedIn) {
        this.dialog = dialog;
        this.settings = settings;
        this.changeSettings = changeSettings;
        this.loggedIn = loggedIn;
        dialog.onLogin(this::loginPressed);
    }

    /** Fills the dialog with the remembered servers and user. */
    public void prefill() {
        ConsoleSettings s = settings.get();
        dialog.load(new LoginForm(s.servers().isEmpty() ? "" : s.servers().get(0), s.lastUser(), s.servers()));
    }

    private void loginPressed() {
        LoginForm form = dialog.form();
        char[] password = dialog.takePassword();
        ServerAddress address;
        try {
            address = ServerAddress.parse(form.server());
        } catch (IllegalArgumentException e) {
            dialog.showError(UserSentence.of(e.getMessage()), false);
            return;
        }
        if (form.user().isEmpty()) {
            dialog.showError("Enter a user name.", false);
            return;
        }
        attempt(address, settings.get().pin(address.toString()), form.user(), password);
    }

    private void attempt(ServerAddress address, String pin, String user, char[] password) {
        dialog.busy(true, "Connecting to " + address + " …");
        char[] copy = password.clone();
        Workers.submit(() -> pin == null ? new Outcome(null, PresentedCertificate.fetch(address), null)
                        : login(address, pin, user, copy))
                .whenCompleteAsync((outcome, failure) -> {
                    Arrays.fill(copy, '\0');
                    if (failure != null) {
                        Arrays.fill(password, '\0');
                        failed(failure);
                    } else if (outcome.client() != null) {
                        Arrays.fill(password, '\0');
                        succeeded(outcome.client(), user);
                    } else {
                        decide(address, outcome, user, password);
                    }
                }, Edt.EXECUTOR);
    }

    private static Outcome login(ServerAddress address, String pin, String user, char[] password) throws ImiException {
        ImiClient client = ImiClient.create(address, pin);
        try {
            client.login(user, password);
            return new Outcome(client, null, null);
        } catch (ImiException e) {
            // the client is dropped: its kept connection would stay open at the server until its idle timeout
            client.closeIdleConnections();
            if (e.kind() != Kind.CERTIFICATE_MISMATCH) {
                throw e;
            }
            LOG.warn("the certificate of {} changed: {}", address, e.getMessage());
            return new Outcome(null, PresentedCertificate.fetch(address), pin);
        }
    }

    private void decide(ServerAddress address, Outcome outcome, String user, char[] password) {
        String server = address.toString();
        boolean trusted = new TrustDialog(dialog.window(), server, outcome.certificate(), outcome.previousPin()).ask();
        if (!trusted) {
            Arrays.fill(password, '\0');
            dialog.showError(outcome.previousPin() == null
                    ? "The server's certificate was not trusted, so the console did not connect."
                    : "The server's certificate has changed and was not trusted, so the console did not connect.",
                    false);
            return;
        }
        String fingerprint = outcome.certificate().fingerprint();
        LOG.info("pinned {} for {}", fingerprint, server);
        changeSettings.accept(s -> s.withPin(server, fingerprint));
        attempt(address, fingerprint, user, password);
    }

    private void succeeded(ImiClient client, String user) {
        String server = client.server().toString();
        LOG.info("logged in to {} as {}", server, user);
        changeSettings.accept(s -> s.withLogin(server, user));
        dialog.busy(false, null);
        loggedIn.accept(new AdminSession(client, user));
    }

    private void failed(Throwable failure) {
        Throwable cause = Workers.cause(failure);
        LOG.info("login failed: {}", cause.getMessage());
        LOG.debug("login failure", cause);
        boolean passwordProblem = cause instanceof ImiException e && e.kind() == Kind.WRONG_CREDENTIALS;
        dialog.showError(UserSentence.of(cause), passwordProblem);
    }
}
