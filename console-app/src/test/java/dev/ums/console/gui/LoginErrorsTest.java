package dev.ums.console.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.console.gui.internal.settings.ConsoleSettings;
import dev.ums.console.gui.internal.settings.SettingsStore;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.swing.core.Robot;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way logging in can fail ends in one clear sentence in the login window: wrong password, nothing
 * listening, not TLS, and a server whose certificate changed since it was pinned (refused by default). A failed
 * attempt leaves no connection open at the server.
 */
class LoginErrorsTest {
    @TempDir
    static Path serverDir;
    static UmsServer server;
    @TempDir
    Path config;
    private Robot robot;
    private ConsoleApp app;

    @BeforeAll
    static void startServer() throws Exception {
        GuiTests.requireDisplayAndEventThreadRule();
        server = UmsServer.start(ServerConfig.forTests(serverDir));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void quit() throws Exception {
        GuiActionRunnerQuit.quitAndClose(app, robot);
    }

    private DialogFixture start(ConsoleSettings settings) throws Exception {
        new SettingsStore(config).save(settings);
        robot = GuiTests.robot();
        app = ConsoleApp.start(config);
        return WindowFinder.findDialog("login").withTimeout(20_000).using(robot);
    }

    private String logIn(DialogFixture login, String url, String password) {
        login.comboBox("server").replaceText(url);
        login.textBox("user").setText("admin");
        login.textBox("password").setText(password);
        GuiTests.press(login.button("login").target());
        return awaitError(login);
    }

    private String awaitError(DialogFixture login) {
        GuiTests.await().until(() -> !GuiTests.onEdt(() -> app.loginDialog().errorText()).isEmpty());
        return GuiTests.onEdt(() -> app.loginDialog().errorText());
    }


    /**
     * Through a forwarder that counts the connections to the server: the failed attempt's client, which the console
     * drops, leaves none open there (it would keep one for minutes, and the server's stop would wait for it).
     */
    @Test
    void aWrongPasswordIsSaidSoAndLeavesNoConnectionOpen() throws Exception {
        try (CountingForwarder forwarder = CountingForwarder.to(server.port())) {
            DialogFixture login = start(ConsoleSettings.defaults().withPin("127.0.0.1:" + forwarder.port(),
                    server.fingerprint()));
            assertThat(logIn(login, "https://127.0.0.1:" + forwarder.port(), "not-the-password"))
                    .isEqualTo("Wrong user name or password.");
            login.textBox("password").requireFocused().requireText("");
            assertThat(forwarder.accepted()).as("connections the attempt made").isPositive();
            // well within the 30 s after which the server itself lets an idle connection go
            GuiTests.await().atMost(Duration.ofSeconds(10)).until(() -> forwarder.open() == 0);
        }
    }

    @Test
    void anUnreachableServerIsSaidSo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DialogFixture login = start(ConsoleSettings.defaults().withLogin("ums-b:8443", "jane")
                .withLogin("ums-a:8443", "jane"));
        login.comboBox("server").requireSelection("ums-a:8443");
        assertThat(login.comboBox("server").contents()).containsExactly("ums-a:8443", "ums-b:8443");
        login.textBox("user").requireText("jane");
        assertThat(logIn(login, "https://127.0.0.1:" + port, "x")).isEqualTo("Cannot connect to 127.0.0.1:" + port + ".");
    }

    @Test
    void aServerNotSpeakingTlsIsSaidSo() throws Exception {
        try (ServerSocket plain = new ServerSocket(0)) {
            Thread answer = new Thread(() -> {
                try (Socket s = plain.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.getInputStream().read(new byte[1024]);
                } catch (Exception ignored) {
                    // The console hangs up once the handshake fails; nothing to do.
                }
            });
            answer.setDaemon(true);
            answer.start();
            DialogFixture login = start(ConsoleSettings.defaults());
            assertThat(logIn(login, "https://127.0.0.1:" + plain.getLocalPort(), "x"))
                    .startsWith("The TLS handshake with 127.0.0.1:" + plain.getLocalPort() + " failed");
        }
    }

    @Test
    void aChangedCertificateIsRefusedUnlessConfirmed() throws Exception {
        String stale = "ab".repeat(32);
        DialogFixture login = start(ConsoleSettings.defaults().withPin("127.0.0.1:" + server.port(), stale));
        login.comboBox("server").replaceText(server.baseUrl());
        login.textBox("user").setText("admin");
        login.textBox("password").setText("admin-secret");
        GuiTests.press(login.button("login").target());
        DialogFixture warning = WindowFinder.findDialog("certificateChanged").withTimeout(20_000).using(robot);
        warning.label("warning").requireVisible();
        warning.button("trust").requireDisabled();
        assertThat(warning.textBox("fingerprint").text().replace(":", "").replace("\n", ""))
                .isEqualToIgnoringCase(server.fingerprint());
        warning.pressAndReleaseKeys(java.awt.event.KeyEvent.VK_ENTER);
        assertThat(awaitError(login)).isEqualTo(
                "The server's certificate has changed and was not trusted, so the console did not connect.");
        assertThat(app.settings().get().pin("127.0.0.1:" + server.port())).isEqualTo(stale);
    }
}
