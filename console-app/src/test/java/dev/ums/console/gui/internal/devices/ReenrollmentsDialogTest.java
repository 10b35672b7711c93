package dev.ums.console.gui.internal.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.ums.console.RawEnrollment;
import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.gui.internal.settings.Theme;
import dev.ums.console.gui.internal.settings.Themes;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.Reenrollment;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.device.DeviceServer;
import dev.ums.testkit.device.FakeDevice;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.swing.JLabel;
import javax.swing.JTable;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pending re-enrollments window against the real server: devices enrolled again with known unit IDs are
 * listed, Approve and Reject (each confirmed) reach the server, and the list follows.
 */
class ReenrollmentsDialogTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private UmsServer server;
    private Robot robot;
    private final List<FakeDevice> devices = new java.util.ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        if (GraphicsEnvironment.isHeadless()) {
            fail("the re-enrollments dialog test needs an X display: set DISPLAY (CI's .ci/run starts Xvfb :99)");
        }
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")));
        robot = BasicRobot.robotWithNewAwtHierarchy();
        GuiActionRunner.execute(() -> Themes.install(Theme.LIGHT, false));
    }

    @AfterEach
    void stop() {
        devices.forEach(FakeDevice::close);
        robot.cleanUp();
        server.close();
    }

    private int enroll(String name, String unitId) throws Exception {
        return RawEnrollment.send(server, new EnrollmentRequest(name, unitId, "00:11:22:33:44:55", "12", null))
                .statusCode();
    }

    /**
     * The device enrolled with a unit ID and connected once, as a real one does: until it connects, the server takes
     * the same enrollment again for one whose answer was lost, not for a re-enrollment.
     */
    private FakeDevice enrolledAndConnected(String name, String unitId) throws Exception {
        FakeDevice device = FakeDevice.enroll(DeviceServer.pinned(server.baseUrl(), server.fingerprint()),
                "enroll-secret", name, unitId).get(30, java.util.concurrent.TimeUnit.SECONDS).connect();
        devices.add(device);
        return device;
    }

    @Test
    void approveAndRejectEachConfirmedReachTheServerAndTheListFollows() throws Exception {
        enrolledAndConnected("Front desk", "unit-7");
        enrolledAndConnected("Back office", "unit-8");
        assertThat(enroll("Front desk", "unit-7")).isEqualTo(202);
        assertThat(enroll("Back office", "unit-8")).isEqualTo(202);
        ImiClient client = ImiClient.create(new ServerAddress("127.0.0.1", server.port()), server.fingerprint());
        client.login("admin", "admin-secret".toCharArray());

        GuiActionRunner.execute(() -> new ReenrollmentsDialog(null, client).show());
        DialogFixture dialog = WindowFinder.findDialog("reenrollments").withTimeout(10_000).using(robot);
        JTable table = (JTable) dialog.table("reenrollmentsTable").target();
        await().atMost(WAIT).until(() -> GuiActionRunner.execute(table::getRowCount) == 2);
        dialog.button("reenrollmentsApprove").requireDisabled();

        selectRowWith(table, "Front desk (id ");
        dialog.button("reenrollmentsApprove").requireEnabled();
        Questions.ask(dialog, "reenrollmentsApprove");
        Questions.answer(robot, "Approve re-enrollment", "Approve");
        await().atMost(WAIT).until(() -> GuiActionRunner.execute(table::getRowCount) == 1);
        assertThat(statusText(dialog)).contains("now uses the re-enrolled credential").endsWith("1 re-enrollment waits");
        assertThat(client.reenrollments()).extracting(Reenrollment::unitId).containsExactly("unit-8");

        selectRowWith(table, "Back office (id ");
        Questions.ask(dialog, "reenrollmentsReject");
        // Cancel decides nothing
        Questions.answer(robot, "Reject re-enrollment", "Cancel");
        assertThat(client.reenrollments()).hasSize(1);
        Questions.ask(dialog, "reenrollmentsReject");
        Questions.answer(robot, "Reject re-enrollment", "Reject");
        await().atMost(WAIT).until(() -> GuiActionRunner.execute(table::getRowCount) == 0);
        assertThat(statusText(dialog)).contains("rejected").endsWith("no re-enrollment waits");
        assertThat(client.reenrollments()).isEmpty();
        List<String> names = client.thinClients().stream().map(dev.ums.protocol.imi.ThinClient::name).toList();
        assertThat(names).containsExactlyInAnyOrder("Front desk", "Back office");
    }



    private static void selectRowWith(JTable table, String devicePrefix) {
        GuiActionRunner.execute(() -> {
            for (int row = 0; row < table.getRowCount(); row++) {
                if (String.valueOf(table.getValueAt(row, 1)).startsWith(devicePrefix)) {
                    table.setRowSelectionInterval(row, row);
                    return;
                }
            }
            throw new AssertionError("no row for " + devicePrefix);
        });
    }

    private static String statusText(DialogFixture dialog) {
        JLabel status = (JLabel) dialog.label("reenrollmentsStatus").target();
        return GuiActionRunner.execute(status::getText);
    }
}
