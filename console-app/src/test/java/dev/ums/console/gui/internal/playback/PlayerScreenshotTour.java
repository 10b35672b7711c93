package dev.ums.console.gui.internal.playback;

import static dev.ums.console.gui.GuiTests.await;
import static dev.ums.console.gui.GuiTests.onEdt;

import dev.ums.console.gui.GuiTests;
import dev.ums.console.gui.internal.Edt;
import dev.ums.console.gui.internal.settings.Theme;
import dev.ums.console.gui.internal.settings.Themes;
import dev.ums.testkit.vnc.XvncServer;
import java.awt.Rectangle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JSlider;
import org.junit.jupiter.api.Test;

/**
 * Not a test (its name keeps it out of the test run): records a session with a real Xvnc showing X clients, opens
 * the player on it in the console's light theme, seeks to the middle and saves the window as
 * {@code target/screenshots/player.png} for docs/screenshots. Run: {@code -Dtest=PlayerScreenshotTour}.
 */
class PlayerScreenshotTour {
    @Test
    void saveScreenshot() throws Exception {
        GuiTests.requireDisplay();
        Path dir = Files.createTempDirectory("ums-player-tour");
        Path recording = dir.resolve("tour.umsrec");
        RecordedSessionFile live;
        try (XvncServer xvnc = XvncServer.start(800, 500)) {
            List<Process> clients = List.of(x(xvnc, "xclock", "-geometry", "200x200+520+40", "-update", "1"),
                    x(xvnc, "xlogo", "-geometry", "180x180+560+280"));
            Thread.sleep(1500);
            live = RecordedSessionFile.record(xvnc, recording);
            clients.forEach(Process::destroy);
        }
        Edt.call(() -> {
            Themes.install(Theme.LIGHT, false);
            return null;
        });
        PlayerWindow player = Edt.call(() -> PlayerWindow.open(null, recording, "Recording – kiosk-1 – 2026-12-05 "
                + "19:51:56", () -> { }));
        await().until(() -> onEdt(player::ready));
        onEdt(() -> {
            player.frame().setBounds(100, 60, 1000, 760);
            player.frame().validate();
            JSlider seek = (JSlider) findSlider(player);
            seek.setValue(seek.getMaximum() - 50);
            return null;
        });
        Thread.sleep(1500);
        Rectangle r = onEdt(() -> player.frame().getBounds());
        Path out = Path.of("target", "screenshots");
        Files.createDirectories(out);
        Process p = new ProcessBuilder("import", "-window", "root", "-crop",
                r.width + "x" + r.height + "+" + r.x + "+" + r.y, "+repage", out.resolve("player.png").toString())
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("import failed");
        }
        System.out.println("input events " + live.inputEvents + ", screenshot " + out.resolve("player.png"));
        onEdt(() -> {
            player.frame().dispose();
            return null;
        });
    }

    private static java.awt.Component findSlider(PlayerWindow player) {
        return find(player.frame().getContentPane());
    }

    private static java.awt.Component find(java.awt.Container in) {
        for (java.awt.Component c : in.getComponents()) {
            if ("playerSeek".equals(c.getName())) {
                return c;
            }
            if (c instanceof java.awt.Container inner && find(inner) != null) {
                return find(inner);
            }
        }
        return null;
    }

    private static Process x(XvncServer xvnc, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("DISPLAY", xvnc.display());
        return pb.start();
    }
}
