package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app's page in a browser, as the browser tests drive it: log in, open a device's session from the list,
 * wait until it is live, read the canvas's pixels, go back. Each step waits up to the given time. One test thread.
 */
final class WebAppPage {
    private final ChromeDriver browser;
    private final WebDriverWait wait;

    WebAppPage(ChromeDriver browser, Duration wait) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, wait);
    }

    /** Logs in once the login form shows (the page shows it only after it asked whether a login is live). */
    void logIn(String user, String password) {
        wait.until(d -> d.findElement(By.id("login-view")).isDisplayed());
        WebElement userField = browser.findElement(By.id("login-user"));
        userField.clear();
        userField.sendKeys(user);
        WebElement passwordField = browser.findElement(By.id("login-password"));
        passwordField.clear();
        passwordField.sendKeys(password, Keys.ENTER);
    }

    /** What {@code action} makes of the row of {@code name}, once it is listed. */
    <T> T onRow(String name, Function<WebElement, T> action) {
        return wait.until(d -> action.apply(d.findElement(By.cssSelector("#devices tbody tr[data-name='" + name + "']"))));
    }

    /** Opens the session of {@code name} from the list and waits until it is live. */
    void open(String name) {
        open(name, true);
    }

    void open(String name, boolean live) {
        onRow(name, r -> {
            r.click();
            r.sendKeys(Keys.ENTER);
            return true;
        });
        if (live) {
            awaitLive();
        }
    }

    void awaitLive() {
        wait.until(d -> "true".equals(d.findElement(By.id("screen")).getDomAttribute("data-live")));
    }

    /** The sentence the page shows once the session ended. */
    String endedSentence() {
        return wait.until(d -> {
            WebElement ended = d.findElement(By.id("ended"));
            return ended.isDisplayed() ? d.findElement(By.id("ended-text")).getText() : null;
        });
    }

    /** Waits until the device list shows (after a login, or going back). */
    void awaitDevices() {
        wait.until(d -> d.findElement(By.id("devices-view")).isDisplayed());
    }

    void backToDevices() {
        browser.findElement(By.id("back")).click();
        wait.until(d -> d.findElement(By.id("devices-view")).isDisplayed());
    }

    void backToDevicesIfNeeded() {
        if (!browser.findElement(By.id("devices-view")).isDisplayed()) {
            backToDevices();
        }
    }

    /** The session canvas's pixels as 0xRRGGBB, row by row. */
    int[] canvasPixels() throws IOException {
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
}
