package dev.ums.launcher;

import dev.ums.protocol.imi.ThinClient;
import dev.ums.testkit.vnc.Animation;
import dev.ums.testkit.vnc.XvncServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.swing.SwingUtilities;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Not a test: updates per second of a 1920×1080 animation in the web app (headless Chromium, noVNC) against the
 * Swing console, same run, both with default settings, both through the server's relay to the same device of
 * {@code ums demo}'s cluster (every device showing one Xvnc). Xvnc counts the framebuffer updates it sent to each
 * session (it logs them when the device's agent leaves); rounds alternate which client goes first. Needs a display
 * for the console. Run with the test class path: {@code java … dev.ums.launcher.WebAppFramesBenchmark [seconds]
 * [rounds]}.
 */
public final class WebAppFramesBenchmark {
    private static final Pattern UPDATES = Pattern.compile("Framebuffer updates: (\\d+)");

    private WebAppFramesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path work = Files.createTempDirectory("ums-webapp-frames-");
        try (XvncServer xvnc = XvncServer.start(1920, 1080)) {
            Process animation = xvnc.startJavaClient(Animation.class, "1920", "1080");
            try (DemoCluster cluster = DemoCluster.start("127.0.0.1", 0,
                    new InetSocketAddress("127.0.0.1", xvnc.port()))) {
                AdminRest admin = AdminRest.login(cluster);
                ThinClient kiosk = admin.device("kiosk-1");
                DemoConsole.prepare();
                ChromeDriver browser = Chromium.start("127.0.0.1", cluster.server().port(), cluster.fingerprint(),
                        work.resolve("profile"), work, "1940,1200");
                try {
                    logIn(browser, cluster);
                    List<String> rows = new ArrayList<>();
                    double webTotal = 0;
                    double consoleTotal = 0;
                    for (int round = 0; round < rounds; round++) {
                        double web;
                        double console;
                        if (round % 2 == 0) {
                            web = web(browser, cluster, xvnc, seconds);
                            console = console(cluster, kiosk, xvnc, seconds);
                        } else {
                            console = console(cluster, kiosk, xvnc, seconds);
                            web = web(browser, cluster, xvnc, seconds);
                        }
                        webTotal += web;
                        consoleTotal += console;
                        rows.add(String.format("| %d (%s first) | %.1f | %.1f | %.2f |", round + 1,
                                round % 2 == 0 ? "web app" : "console", web, console, web / console));
                    }
                    System.out.println("| round | web app (Chromium) updates/s | Swing console updates/s | ratio |");
                    System.out.println("|---|---:|---:|---:|");
                    rows.forEach(System.out::println);
                    System.out.printf("| mean | %.1f | %.1f | %.2f |%n", webTotal / rounds, consoleTotal / rounds,
                            webTotal / consoleTotal);
                } finally {
                    browser.quit();
                }
            } finally {
                animation.destroy();
            }
        }
    }

    private static void logIn(ChromeDriver browser, DemoCluster cluster) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(cluster.webAppUrl());
        wait.until(d -> d.findElement(By.id("login-user")).isDisplayed());
        browser.findElement(By.id("login-user")).sendKeys(DemoCluster.USER);
        browser.findElement(By.id("login-password")).sendKeys(cluster.password(), Keys.ENTER);
        wait.until(d -> d.findElement(By.id("devices-view")).isDisplayed());
    }

    /** One web app session of {@code seconds}: updates per second as Xvnc counted them. */
    private static double web(ChromeDriver browser, DemoCluster cluster, XvncServer xvnc, int seconds)
            throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        int before = sessions(xvnc);
        long start = System.nanoTime();
        browser.get(cluster.webAppUrl() + "?device=kiosk-1");
        wait.until(d -> d.findElement(By.id("reconnect")).isDisplayed());
        browser.findElement(By.id("reconnect")).click();
        wait.until(d -> "true".equals(d.findElement(By.id("screen")).getDomAttribute("data-live")));
        Thread.sleep(seconds * 1000L);
        browser.findElement(By.id("disconnect")).click();
        double elapsed = (System.nanoTime() - start) / 1e9;
        return updates(xvnc, before) / elapsed;
    }

    /** One console session of {@code seconds} (a fresh console window each time, closed after). */
    private static double console(DemoCluster cluster, ThinClient kiosk, XvncServer xvnc, int seconds)
            throws Exception {
        int before = sessions(xvnc);
        DemoConsole console = DemoConsole.open(cluster, new CountDownLatch(1)::countDown);
        try {
            long start = System.nanoTime();
            SwingUtilities.invokeAndWait(() -> console.app().mainWindow().shadow(kiosk, false, false));
            Thread.sleep(seconds * 1000L);
            console.close();
            double elapsed = (System.nanoTime() - start) / 1e9;
            return updates(xvnc, before) / elapsed;
        } catch (Exception e) {
            console.close();
            throw e;
        }
    }

    private static int sessions(XvncServer xvnc) {
        Matcher m = UPDATES.matcher(xvnc.log());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The updates Xvnc logged for the first client that left after {@code before} clients had. */
    private static long updates(XvncServer xvnc, int before) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Matcher m = UPDATES.matcher(xvnc.log());
            int n = 0;
            while (m.find()) {
                if (n++ == before) {
                    return Long.parseLong(m.group(1));
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Xvnc logged no statistics for the session");
    }
}
