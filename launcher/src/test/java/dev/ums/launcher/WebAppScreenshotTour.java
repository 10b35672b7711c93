package dev.ums.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Not a test: runs {@code ums demo}'s cluster in this process, logs in to its web app with headless Chromium and
 * saves the login, the device list, a live session and a deep link's page as PNGs for the README and
 * docs/WEBAPP.md. Run with the test class path:
 * {@code java … dev.ums.launcher.WebAppScreenshotTour docs/images}.
 */
public final class WebAppScreenshotTour {
    private WebAppScreenshotTour() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/images");
        Files.createDirectories(out);
        Path profile = Files.createTempDirectory("ums-webapp-tour-");
        try (DemoCluster cluster = DemoCluster.start("127.0.0.1", 0, null)) {
            ChromeDriver browser = Chromium.start("127.0.0.1", cluster.server().port(), cluster.fingerprint(),
                    profile.resolve("profile"), profile);
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                browser.get(cluster.webAppUrl());
                wait.until(d -> d.findElement(By.id("login-user")).isDisplayed());
                browser.findElement(By.id("login-user")).sendKeys(DemoCluster.USER);
                Files.write(out.resolve("webapp-login.png"), browser.getScreenshotAs(OutputType.BYTES));
                browser.findElement(By.id("login-password")).sendKeys(cluster.password(), Keys.ENTER);
                wait.until(d -> d.findElements(By.cssSelector("#devices tbody tr")).size() == 6);
                browser.findElement(By.cssSelector("#devices tbody tr[data-name='kiosk-2']")).click();
                Files.write(out.resolve("webapp-devices.png"), browser.getScreenshotAs(OutputType.BYTES));
                browser.findElement(By.cssSelector("#devices tbody tr[data-name='kiosk-2']")).sendKeys(Keys.ENTER);
                wait.until(d -> "true".equals(d.findElement(By.id("screen")).getDomAttribute("data-live")));
                new Actions(browser).moveToElement(browser.findElement(By.cssSelector("#screen canvas")), -60, -20)
                        .click().sendKeys("Hello from the browser").perform();
                Thread.sleep(1500);
                Files.write(out.resolve("webapp-session.png"), browser.getScreenshotAs(OutputType.BYTES));
                browser.get(cluster.webAppUrl() + "?device=kiosk-1");
                wait.until(d -> d.findElement(By.id("reconnect")).isDisplayed());
                Files.write(out.resolve("webapp-deep-link.png"), browser.getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
        }
    }
}
