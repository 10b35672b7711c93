package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.agent.AgentConfig;
import dev.ums.agent.ConsentPrompt;
import dev.ums.agent.DeviceAgent;
import dev.ums.protocol.imi.AuditEntry;
import dev.ums.server.UmsServer;
import dev.ums.testkit.vnc.TestPattern;
import dev.ums.testkit.vnc.XKeyLog;
import dev.ums.testkit.vnc.XvncServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.net.ServerSocket;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import java.util.logging.Level;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app in a real browser (Debian's headless Chromium through chromedriver) against {@code ums demo}'s
 * cluster (a real server, gateway and device agents) whose devices all show one real Xvnc: the login page, the
 * device list, each of the four flows (OS 12 and OS 11, direct and through the gateway) opened from the list and
 * from a deep link (once confirmed: the link alone asks the device nothing) with the canvas showing exactly Xvnc's
 * pixels, keys typed in the browser arriving at Xvnc,
 * view only sending nothing, the refusals (offline, declined, no VNC server, certificate mismatch) as the console's sentences,
 * and a logout ending the open session.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAppIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> FLOWS = List.of("kiosk-1", "branch-1", "legacy-1", "legacy-2");

    @TempDir
    static Path dir;
    static XvncServer xvnc;
    static DemoCluster cluster;
    static UmsServer server;
    static AdminRest admin;
    static DeviceAgent shy;
    static DeviceAgent twin;
    static DeviceAgent impostor;
    static DeviceAgent blank;
    static ChromeDriver browser;
    static WebDriverWait wait;
    static WebAppPage page;

    @BeforeAll
    static void start() throws Exception {
        xvnc = XvncServer.start(640, 480);
        xvnc.showImage(TestPattern.render(640, 480));
        cluster = DemoCluster.start("127.0.0.1", 0, new InetSocketAddress("127.0.0.1", xvnc.port()));
        server = cluster.server();
        admin = AdminRest.login(server.baseUrl(), server.fingerprint(), DemoCluster.USER, cluster.password());
        String enrollment = admin.newEnrollmentToken();
        shy = DeviceAgent.start(AgentConfig.builder(server.baseUrl(), server.fingerprint(), "shy-9",
                dir.resolve("agent-shy")).vnc(InetSocketAddress.createUnresolved("127.0.0.1", xvnc.port()))
                .enrollmentToken(enrollment).prompt(request -> ConsentPrompt.Answer.deny("the user clicked Decline"))
                .build());
        // an OS 11 device enrolls, goes away, and another one (with its own certificate) answers at its address
        int securePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            securePort = probe.getLocalPort();
        }
        twin = DeviceAgent.start(os11("twin-7", securePort, enrollment, "agent-twin"));
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        blank = DeviceAgent.start(AgentConfig.builder(server.baseUrl(), server.fingerprint(), "blank-6",
                dir.resolve("agent-blank")).vnc(InetSocketAddress.createUnresolved("127.0.0.1", closedPort))
                .promptUser(false).enrollmentToken(enrollment).build());
        await().atMost(WAIT).until(() -> shy.isConnected() && twin.isConnected() && blank.isConnected());
        twin.close();
        impostor = DeviceAgent.start(os11("impostor-8", securePort, enrollment, "agent-impostor"));
        await().atMost(WAIT).until(() -> impostor.isConnected());
        Files.createDirectories(dir.resolve("downloads"));
        browser = Chromium.start("127.0.0.1", server.port(), server.fingerprint(), dir.resolve("profile"),
                dir.resolve("downloads"));
        wait = new WebDriverWait(browser, WAIT);
        page = new WebAppPage(browser, WAIT);
    }

    static AgentConfig os11(String name, int securePort, String enrollment, String data) {
        return AgentConfig.builder(server.baseUrl(), server.fingerprint(), name, dir.resolve(data))
                .vnc(InetSocketAddress.createUnresolved("127.0.0.1", xvnc.port())).promptUser(false)
                .enrollmentToken(enrollment).os(AgentConfig.OS_11, securePort, java.net.InetAddress.getLoopbackAddress())
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (AutoCloseable c : new AutoCloseable[] {shy, twin, impostor, blank, cluster, xvnc}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    void aWrongPasswordIsOneSentenceAndTheRightOneShowsTheDevices() {
        browser.get(server.webAppUrl());
        wait.until(d -> d.findElement(By.id("login-view")).isDisplayed());
        System.out.println("web app: cold load " + loadFigures());
        browser.navigate().refresh();
        wait.until(d -> d.findElement(By.id("login-view")).isDisplayed());
        System.out.println("web app: reload " + loadFigures());
        page.logIn("admin", "wrong");
        wait.until(d -> !d.findElement(By.id("login-error")).getText().isEmpty());
        assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("Wrong user name or password.");
        page.logIn(DemoCluster.USER, cluster.password());
        wait.until(d -> d.findElement(By.id("devices-view")).isDisplayed());
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("admin");
        // the session cookie: not readable by scripts
        assertThat(browser.executeScript("return document.cookie")).isEqualTo("");
        assertThat(browser.manage().getCookieNamed("__Host-ums-webapp")).satisfies(c -> {
            assertThat(c.isSecure()).isTrue();
            assertThat(c.isHttpOnly()).isTrue();
            assertThat(c.getSameSite()).isEqualTo("Strict");
        });
    }

    @Test
    @Order(2)
    void theListShowsStateOsAndRouteTheTreeAndTheFilterNarrowIt() {
        assertThat(page.onRow("kiosk-1", WebAppIT::cells)).startsWith("kiosk-1", "Online", "OS 12", "Direct");
        assertThat(page.onRow("branch-1", WebAppIT::cells)).startsWith("branch-1", "Online", "OS 12", "Gateway");
        assertThat(page.onRow("legacy-1", WebAppIT::cells)).startsWith("legacy-1", "Online", "OS 11", "Direct");
        assertThat(page.onRow("legacy-2", WebAppIT::cells)).startsWith("legacy-2", "Online", "OS 11", "Gateway");
        assertThat(page.onRow("spare-1", WebAppIT::cells)).startsWith("spare-1", "Offline");
        int all = names().size();

        browser.findElement(By.xpath("//li[@role='treeitem']/span[text()='Branch office']")).click();
        wait.until(d -> names().equals(List.of("branch-1", "legacy-1", "legacy-2", "spare-1")));
        browser.findElement(By.xpath("//li[@role='treeitem']/span[text()='All devices']")).click();
        wait.until(d -> names().size() == all);

        WebElement filter = browser.findElement(By.id("filter"));
        filter.sendKeys("legacy");
        wait.until(d -> names().equals(List.of("legacy-1", "legacy-2")));
        filter.clear();
        filter.sendKeys(Keys.BACK_SPACE);
        wait.until(d -> names().size() == all);
    }

    @Test
    @Order(3)
    void aRowKeepsItsElementAndFocusWhileTheListIsKeptCurrent() {
        WebElement row = browser.findElement(By.cssSelector("#devices tbody tr[data-name='kiosk-1']"));
        row.click();
        WebElement tree = browser.findElement(By.cssSelector("#tree [role=treeitem]"));
        String status = browser.findElement(By.id("status")).getText();
        wait.until(d -> !d.findElement(By.id("status")).getText().equals(status));
        // the poll rewrote the list in place: the same elements, still focused and selected
        assertThat(row.getDomAttribute("data-name")).isEqualTo("kiosk-1");
        assertThat(row.getDomAttribute("aria-selected")).isEqualTo("true");
        assertThat(browser.switchTo().activeElement().getDomAttribute("data-name")).isEqualTo("kiosk-1");
        assertThat(tree.getDomAttribute("data-dir")).isEqualTo("all");
    }

    @Test
    @Order(4)
    void enterOnADeviceShowsExactlyXvncsPixels() throws Exception {
        page.open("kiosk-1");
        assertThat(browser.getCurrentUrl()).endsWith("/webapp/?device=kiosk-1");
        assertShowsXvnc();
    }

    @Test
    @Order(5)
    void keysTypedInTheBrowserReachXvnc() throws Exception {
        try (XKeyLog keys = xvnc.keyLog()) {
            browser.findElement(By.cssSelector("#screen canvas")).click();
            new Actions(browser).sendKeys("ab").perform();
            await().atMost(WAIT).untilAsserted(() -> assertThat(keys.events())
                    .containsSubsequence("press a", "release a", "press b", "release b"));
            // F8 gives the keyboard back to the page, and the device does not see it
            new Actions(browser).sendKeys(Keys.F8).perform();
            wait.until(d -> "back".equals(d.switchTo().activeElement().getDomAttribute("id")));
            Thread.sleep(500);
            assertThat(keys.events()).noneMatch(e -> e.endsWith("F8"));
        }
    }

    @Test
    @Order(6)
    void viewOnlySendsNeitherKeysNorPointer() throws Exception {
        browser.findElement(By.id("view-only")).click();
        String pointer = pointer();
        try (XKeyLog keys = xvnc.keyLog()) {
            WebElement canvas = browser.findElement(By.cssSelector("#screen canvas"));
            new Actions(browser).moveToElement(canvas, -100, -80).click().moveToElement(canvas, 60, 40).perform();
            new Actions(browser).sendKeys("xy").perform();
            Thread.sleep(1500);
            assertThat(keys.events()).isEmpty();
            assertThat(pointer()).isEqualTo(pointer);
        }
        browser.findElement(By.id("view-only")).click();
        new Actions(browser).moveToElement(browser.findElement(By.cssSelector("#screen canvas")), 10, 10).perform();
        await().atMost(WAIT).until(() -> !pointer().equals(pointer));
    }

    @Test
    @Order(50)
    void theToolbarSendsCtrlAltDelAndTheClipboardSavesAPngAndShows100Percent() throws Exception {
        try (XKeyLog keys = xvnc.keyLog()) {
            browser.findElement(By.id("cad")).click();
            await().atMost(WAIT).untilAsserted(() -> assertThat(keys.events()).containsSubsequence(
                    "press Control_L", "press Alt_L", "press Delete", "release Delete", "release Alt_L",
                    "release Control_L"));
        }
        browser.findElement(By.id("clipboard-toggle")).click();
        WebElement text = browser.findElement(By.id("clipboard-text"));
        text.clear();
        text.sendKeys("from the browser: grüße");
        browser.findElement(By.id("clipboard-send")).click();
        await().atMost(WAIT).until(() -> "from the browser: grüße".equals(xvnc.clipboardText()));
        Process owner = xvnc.ownClipboard("from the device", 20);
        try {
            await().atMost(WAIT).until(() -> "from the device".equals(text.getDomProperty("value")));
        } finally {
            owner.destroy();
        }
        browser.findElement(By.id("clipboard-toggle")).click();

        browser.findElement(By.id("screenshot")).click();
        Path downloads = dir.resolve("downloads");
        Path png = await().atMost(WAIT).until(() -> {
            try (var files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().matches("kiosk-1-\\d{8}-\\d{6}\\.png")).findFirst()
                        .orElse(null);
            }
        }, java.util.Objects::nonNull);
        int[] expected = xvnc.screenPixels();
        BufferedImage shot = ImageIO.read(png.toFile());
        int[] pixels = shot.getRGB(0, 0, shot.getWidth(), shot.getHeight(), null, 0, shot.getWidth());
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xFFFFFF;
        }
        assertThat(pixels).isEqualTo(expected);

        browser.findElement(By.id("fit")).click();
        wait.until(d -> Long.valueOf(640).equals(browser.executeScript(
                "return document.querySelector('#screen canvas').clientWidth")));
        browser.findElement(By.id("fit")).click();

        browser.findElement(By.id("fullscreen")).click();
        wait.until(d -> "screen".equals(browser.executeScript(
                "return document.fullscreenElement ? document.fullscreenElement.id : null")));
        browser.executeScript("return document.exitFullscreen()");
        wait.until(d -> browser.executeScript("return document.fullscreenElement") == null);
    }

    @Test
    @Order(60)
    void everyFlowOpensFromTheListWithXvncsPixels() throws Exception {
        for (String name : FLOWS) {
            page.backToDevices();
            page.open(name);
            assertShowsXvnc();
            System.out.println("web app: " + name + " from the list, click to first frame " + firstFrameMs() + " ms");
        }
    }

    @Test
    @Order(70)
    void everyFlowOpensFromItsDeepLinkOnceConfirmed() throws Exception {
        for (String name : FLOWS) {
            String id = deviceId(name);
            int asked = admin.shadowLog(id).size();
            browser.get(server.webAppUrl() + "?device=" + name);
            assertThat(page.endedSentence()).isEqualTo("Open a session with " + name + "?");
            assertThat(admin.shadowLog(id)).as("the link alone asks the device nothing").hasSize(asked);
            browser.findElement(By.id("reconnect")).click();
            page.awaitLive();
            assertThat(browser.findElement(By.id("session-title")).getText()).isEqualTo(name);
            assertShowsXvnc();
            System.out.println("web app: " + name + " from its deep link, Shadow to first frame " + firstFrameMs() + " ms");
        }
    }

    @Test
    @Order(80)
    void refusalsReadAsTheConsolesSentences() {
        page.backToDevices();
        page.open("spare-1", false);
        assertThat(page.endedSentence()).isEqualTo("The device is offline.");
        page.backToDevices();
        page.open("shy-9", false);
        assertThat(page.endedSentence()).isEqualTo("The user at the device declined the session (the user clicked Decline).");
        page.backToDevices();
        page.open("blank-6", false);
        assertThat(page.endedSentence()).startsWith("The device's VNC server is not running");
        page.backToDevices();
        page.open("twin-7", false);
        assertThat(page.endedSentence()).matches("The device's certificate does not match the one the server holds "
                + "\\(127\\.0\\.0\\.1:\\d+ presents [0-9a-f]{64}\\)\\.");
        page.backToDevices();
    }

    @Test
    @Order(90)
    void logoutEndsTheOpenSessionAndTheDeepLinkOpensItAgainAfterTheLogin() throws Exception {
        // the deep links' pages were left: their sessions ended with them
        await().atMost(Duration.ofSeconds(5)).until(() -> server.relay().activeSessions() == 0);
        page.open("kiosk-1");
        await().atMost(WAIT).until(() -> server.relay().activeSessions() == 1);
        browser.findElement(By.id("logout")).click();
        wait.until(d -> d.findElement(By.id("login-view")).isDisplayed());
        await().atMost(WAIT).until(() -> server.relay().activeSessions() == 0);

        browser.get(server.webAppUrl() + "?device=kiosk-1");
        wait.until(d -> d.findElement(By.id("login-view")).isDisplayed());
        page.logIn(DemoCluster.USER, cluster.password());
        assertThat(page.endedSentence()).isEqualTo("Open a session with kiosk-1?");
        browser.findElement(By.id("reconnect")).click();
        page.awaitLive();
        assertThat(browser.findElement(By.id("session-title")).getText()).isEqualTo("kiosk-1");
        assertShowsXvnc();
        browser.findElement(By.id("disconnect")).click();
        assertThat(page.endedSentence()).isEqualTo("You disconnected the session.");
        await().atMost(WAIT).until(() -> server.relay().activeSessions() == 0);
    }

    @Test
    @Order(100)
    void theShadowLogMarksTheWebAppsSessions() throws Exception {
        String kiosk = deviceId("kiosk-1");
        await().atMost(WAIT).untilAsserted(() -> assertThat(admin.shadowLog(kiosk)).isNotEmpty().allSatisfy(e -> {
            assertThat(e.client()).isEqualTo("web app");
            assertThat(e.outcome()).isEqualTo("COMPLETED");
            assertThat(e.end()).isNotNull();
        }));
        assertThat(admin.shadowLog(deviceId("legacy-1"))).isNotEmpty()
                .allSatisfy(e -> assertThat(e.client()).isEqualTo("web app"));
    }

    @Test
    @Order(105)
    void aLostLoginLeadsBackToTheLoginPage() {
        page.backToDevicesIfNeeded();
        browser.manage().deleteCookieNamed("__Host-ums-webapp");
        browser.findElement(By.id("refresh")).click();
        wait.until(d -> d.findElement(By.id("login-view")).isDisplayed());
        assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("Your login expired; log in again.");
        page.logIn(DemoCluster.USER, cluster.password());
        wait.until(d -> d.findElement(By.id("devices-view")).isDisplayed());
    }

    @Test
    @Order(110)
    void thePageLoggedNoErrorAndNothingTheContentSecurityPolicyRefused() {
        List<String> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()
                        || e.getMessage().contains("Content Security Policy"))
                .map(LogEntry::getMessage)
                // the refusals the tests provoke (wrong password, offline, declined, mismatch) are HTTP answers
                // that Chromium logs as failed resources; anything else (a script error, CSP) is a problem
                .filter(m -> !m.contains("Failed to load resource: the server responded with a status of"))
                .toList();
        assertThat(problems).isEmpty();
    }

    /** How long the page took until its scripts ran, and how many files it fetched, for docs/WEBAPP.md. */
    private String loadFigures() {
        return String.valueOf(browser.executeScript("const n = performance.getEntriesByType('navigation')[0];"
                + "const r = performance.getEntriesByType('resource');"
                + "return Math.round(n.domContentLoadedEventEnd) + ' ms to DOMContentLoaded (modules run), ' + r.length"
                + " + ' files, ' + r.filter(e => e.transferSize > 0 && e.encodedBodySize === 0).length + ' answered 304, '"
                + " + Math.round(r.reduce((a, e) => a + e.encodedBodySize, 0) / 1024) + ' KiB of bodies'"));
    }

    private String deviceId(String name) {
        page.backToDevicesIfNeeded();
        return page.onRow(name, r -> r.getDomAttribute("data-id"));
    }

    private void assertShowsXvnc() throws IOException {
        int[] expected = xvnc.screenPixels();
        await().atMost(WAIT).untilAsserted(() -> assertThat(page.canvasPixels()).isEqualTo(expected));
    }

    private String firstFrameMs() {
        return browser.findElement(By.id("screen")).getDomAttribute("data-first-frame-ms");
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    private List<String> names() {
        return browser.findElements(By.cssSelector("#devices tbody tr")).stream()
                .map(r -> r.getDomAttribute("data-name")).toList();
    }

    private String pointer() throws IOException {
        return new String(xvnc.runClient("xdotool", "getmouselocation"), StandardCharsets.US_ASCII).trim();
    }
}
