package dev.ums.console.gui;

import static dev.ums.console.gui.GuiTests.await;
import static dev.ums.console.gui.GuiTests.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.up.UpPaths;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.swing.JFrame;
import javax.swing.JLabel;
import org.assertj.swing.core.Robot;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device enrolled with a name and unit ID that Swing would take for HTML ({@code <html><img src=…>}) is listed,
 * opened, described and found in the shadow log without the console ever fetching the images its name names: the
 * addresses point at a listener of the test's own, which counts every request. That such a label does fetch here is
 * shown at the end with one label of the test's own, so that silence proves something.
 */
class OutsideTextNeverHtmlTest {
    @TempDir
    Path dir;
    private final List<String> fetched = new CopyOnWriteArrayList<>();
    private ServerSocket listener;
    private UmsServer server;
    private ConsoleApp app;
    private Robot robot;
    private JFrame control;

    @BeforeEach
    void start() throws Exception {
        GuiTests.requireDisplayAndEventThreadRule();
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread counting = new Thread(this::countRequests, "html-fetch-listener");
        counting.setDaemon(true);
        counting.start();
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")));
        enroll(new EnrollmentRequest(image("name"), image("unit"), "00:11:22:33:44:55", "12", null));
        robot = GuiTests.robot();
        app = ConsoleApp.start(dir.resolve("config"));
    }

    @AfterEach
    void stop() throws Exception {
        if (control != null) {
            onEdt(() -> {
                control.dispose();
                return null;
            });
        }
        GuiActionRunnerQuit.quitAndClose(app, robot, server, listener);
    }

    @Test
    void aDevicesNameThatLooksLikeHtmlIsShownAsTextEverywhere() throws Exception {
        FrameFixture main = GuiTests.logInTrustingTheServer(robot, server);
        await().until(() -> onEdt(() -> main.table("devices").target().getRowCount()) == 1);
        assertThat(main.table("devices").contents()[0]).contains(image("name"), image("unit") + " / 00:11:22:33:44:55");

        onEdt(() -> {
            main.table("devices").target().setRowSelectionInterval(0, 0);
            return null;
        });
        GuiTests.press(main.button("tb-shadow").target());    // offline: a tab named after the device says so
        await().until(() -> onEdt(() -> main.tabbedPane("tabs").target().getTabCount()) == 3);
        onEdt(() -> {
            main.tabbedPane("tabs").target().setSelectedIndex(0);
            main.table("devices").target().setRowSelectionInterval(0, 0);
            return null;
        });

        GuiTests.press(main.button("tb-properties").target());
        DialogFixture properties = WindowFinder.findDialog("deviceProperties").withTimeout(10_000).using(robot);
        robot.waitForIdle();
        properties.close();

        GuiTests.press(main.button("tb-shadowLog").target());
        DialogFixture log = WindowFinder.findDialog("shadowLog").withTimeout(10_000).using(robot);
        await().until(() -> onEdt(() -> log.table("shadowLogTable").target().getRowCount()) == 1);
        robot.waitForIdle();

        onEdt(() -> {
            control = new JFrame("control");
            control.add(new JLabel(image("control")));
            control.pack();
            control.setVisible(true);
            return null;
        });
        await().until(() -> fetched.contains("/control"));
        assertThat(fetched).as("addresses the console fetched").containsOnly("/control");
        log.close();
    }

    private String image(String path) {
        return "<html><img src='http://127.0.0.1:" + listener.getLocalPort() + "/" + path + "'>";
    }

    private void enroll(EnrollmentRequest request) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(server.fingerprint()).sslContext()).build();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + UpPaths.ENROLL))
                .header("Authorization", UpPaths.BEARER + "enroll-secret").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(WireJson.write(request))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    /** Notes the path of each request and answers 404. */
    private void countRequests() {
        while (!listener.isClosed()) {
            try (Socket s = listener.accept(); InputStream in = s.getInputStream();
                 OutputStream out = s.getOutputStream()) {
                byte[] head = new byte[1024];
                int n = in.read(head);
                String line = n <= 0 ? ""
                        : new String(head, 0, n, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
                String[] parts = line.split(" ");
                fetched.add(parts.length > 1 ? parts[1] : line);
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the listener closed at the test's end, or a fetch hung up
            }
        }
    }
}
