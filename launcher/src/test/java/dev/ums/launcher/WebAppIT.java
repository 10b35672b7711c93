package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.agent.AgentConfig;
import dev.ums.agent.ConsentPrompt;
import dev.ums.agent.DeviceAgent;
import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.vnc.TestPattern;
import dev.ums.testkit.vnc.XKeyLog;
import dev.ums.testkit.vnc.XvncServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app in a real browser (Debian's headless Chromium through chromedriver) against a real server, real
 * device agents and a real Xvnc: the login page, the device list, an OS 12 session opened from the list and from
 * a deep link whose canvas shows exactly Xvnc's pixels, keys typed in the browser arriving at Xvnc, view only
 * sending nothing, the server's refusals as sentences, and a logout ending the open session.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAppIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static XvncServer xvnc;
    static UmsServer server;
    static DeviceAgent kiosk;
    static DeviceAgent shy;
    static DeviceAgent gone;
    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        xvnc = XvncServer.start(640, 480);
        xvnc.showImage(TestPattern.render(640, 480));
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")));
        kiosk = agent("kiosk-1", false, null);
        shy = agent("shy-2", true, request -> ConsentPrompt.Answer.deny("the user clicked Decline"));
        gone = agent("gone-3", false, null);
        await().atMost(WAIT).until(() -> kiosk.isConnected() && shy.isConnected() && gone.isConnected());
        gone.close();
        DemoDirectories.login(server.baseUrl(), server.fingerprint(), "admin", "admin-secret")
                .arrange(Map.of("Headquarters", List.of(kiosk.deviceId())));
        Files.createDirectories(dir.resolve("downloads"));
        browser = Chromium.start("127.0.0.1", server.port(), server.fingerprint(), dir.resolve("profile"),
                dir.resolve("downloads"));
        wait = new WebDriverWait(browser, WAIT);
    }

    static DeviceAgent agent(String name, boolean prompt, ConsentPrompt answer) throws IOException {
        return DeviceAgent.start(new AgentConfig(server.baseUrl(), server.fingerprint(), name,
                InetSocketAddress.createUnresolved("127.0.0.1", xvnc.port()), dir.resolve("agent-" + name), prompt,
                true, "enroll-secret", answer));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (AutoCloseable c : new AutoCloseable[] {kiosk, shy, gone, server, xvnc}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    void aWrongPasswordIsOneSentenceAndTheRightOneShowsTheDevices() {
        browser.get(server.webAppUrl());
        logIn("admin", "wrong");
        wait.until(d -> !d.findElement(By.id("login-error")).getText().isEmpty());
        assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("Wrong user name or password.");
        logIn("admin", "admin-secret");
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
        WebElement kioskRow = row("kiosk-1");
        assertThat(cells(kioskRow)).startsWith("kiosk-1", "Online", "OS 12", "Direct");
        assertThat(cells(row("gone-3"))).startsWith("gone-3", "Offline", "OS 12", "Direct");
        assertThat(names()).containsExactly("gone-3", "kiosk-1", "shy-2");

        browser.findElement(By.xpath("//li[@role='treeitem']/span[text()='Headquarters']")).click();
        wait.until(d -> names().equals(List.of("kiosk-1")));
        browser.findElement(By.xpath("//li[@role='treeitem']/span[text()='All devices']")).click();
        wait.until(d -> names().size() == 3);

        WebElement filter = browser.findElement(By.id("filter"));
        filter.sendKeys("shy");
        wait.until(d -> names().equals(List.of("shy-2")));
        filter.clear();
        filter.sendKeys(Keys.BACK_SPACE);
        wait.until(d -> names().size() == 3);
    }

    @Test
    @Order(3)
    void enterOnADeviceShowsExactlyXvncsPixels() throws Exception {
        row("kiosk-1").click();
        row("kiosk-1").sendKeys(Keys.ENTER);
        awaitLive();
        assertThat(browser.getCurrentUrl()).endsWith("/webapp/?device=kiosk-1");
        int[] expected = xvnc.screenPixels();
        await().atMost(WAIT).untilAsserted(() -> assertThat(canvasPixels()).isEqualTo(expected));
        System.out.println("web app: click to first frame " + browser.findElement(By.id("screen"))
                .getDomAttribute("data-first-frame-ms") + " ms");
    }

    @Test
    @Order(4)
    void keysTypedInTheBrowserReachXvnc() throws Exception {
        try (XKeyLog keys = xvnc.keyLog()) {
            browser.findElement(By.cssSelector("#screen canvas")).click();
            new Actions(browser).sendKeys("ab").perform();
            await().atMost(WAIT).untilAsserted(() -> assertThat(keys.events())
                    .containsSubsequence("press a", "release a", "press b", "release b"));
        }
    }

    @Test
    @Order(5)
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
    @Order(6)
    void refusalsReadAsTheConsolesSentences() {
        backToDevices();
        row("gone-3").click();
        row("gone-3").sendKeys(Keys.ENTER);
        assertThat(endedSentence()).isEqualTo("The device is offline.");
        backToDevices();
        row("shy-2").click();
        row("shy-2").sendKeys(Keys.ENTER);
        assertThat(endedSentence()).isEqualTo("The user at the device declined the session (the user clicked Decline).");
        backToDevices();
    }

    @Test
    @Order(7)
    void logoutEndsTheOpenSessionAndTheDeepLinkOpensItAgainAfterTheLogin() throws Exception {
        row("kiosk-1").click();
        row("kiosk-1").sendKeys(Keys.ENTER);
        awaitLive();
        assertThat(server.relay().activeSessions()).isEqualTo(1);
        browser.findElement(By.id("logout")).click();
        wait.until(d -> d.findElement(By.id("login-view")).isDisplayed());
        await().atMost(WAIT).until(() -> server.relay().activeSessions() == 0);
        AuditEntry last = shadowLog(kiosk.deviceId()).get(0);
        assertThat(last.client()).isEqualTo("web app");
        assertThat(last.end()).isNotNull();

        browser.get(server.webAppUrl() + "?device=kiosk-1");
        wait.until(d -> d.findElement(By.id("login-view")).isDisplayed());
        logIn("admin", "admin-secret");
        awaitLive();
        assertThat(browser.findElement(By.id("session-title")).getText()).isEqualTo("kiosk-1");
        int[] expected = xvnc.screenPixels();
        await().atMost(WAIT).untilAsserted(() -> assertThat(canvasPixels()).isEqualTo(expected));
        browser.findElement(By.id("disconnect")).click();
        assertThat(endedSentence()).isEqualTo("You disconnected the session.");
        await().atMost(WAIT).until(() -> server.relay().activeSessions() == 0);
    }

    private void logIn(String user, String password) {
        WebElement userField = wait.until(d -> d.findElement(By.id("login-user")));
        userField.clear();
        userField.sendKeys(user);
        WebElement passwordField = browser.findElement(By.id("login-password"));
        passwordField.clear();
        passwordField.sendKeys(password, Keys.ENTER);
    }

    private WebElement row(String name) {
        return wait.until(d -> d.findElement(By.cssSelector("#devices tbody tr[data-name='" + name + "']")));
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    private List<String> names() {
        return browser.findElements(By.cssSelector("#devices tbody tr")).stream()
                .map(r -> r.getDomAttribute("data-name")).toList();
    }

    private void awaitLive() {
        wait.until(d -> "true".equals(d.findElement(By.id("screen")).getDomAttribute("data-live")));
    }

    private String endedSentence() {
        return wait.until(d -> {
            WebElement ended = d.findElement(By.id("ended"));
            return ended.isDisplayed() ? d.findElement(By.id("ended-text")).getText() : null;
        });
    }

    private void backToDevices() {
        browser.findElement(By.id("back")).click();
        wait.until(d -> d.findElement(By.id("devices-view")).isDisplayed());
    }

    private String pointer() throws IOException {
        return new String(xvnc.runClient("xdotool", "getmouselocation"), StandardCharsets.US_ASCII).trim();
    }

    private int[] canvasPixels() throws IOException {
        String url = (String) browser.executeScript(
                "const c = document.querySelector('#screen canvas'); return c ? c.toDataURL('image/png') : null;");
        assertThat(url).startsWith("data:image/png;base64,");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1))));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xFFFFFF;
        }
        return pixels;
    }

    private static List<AuditEntry> shadowLog(String deviceId) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(PinnedTrust.fingerprint(server.fingerprint()).sslContext())
                .cookieHandler(new CookieManager()).build();
        String basic = Base64.getEncoder().encodeToString("admin:admin-secret".getBytes(StandardCharsets.UTF_8));
        http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/umsapi/v3/login"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        String body = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/umsapi/v3/thinclients/"
                + deviceId + "/shadowlog")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return List.of(WireJson.read(body, AuditEntry[].class));
    }
}
