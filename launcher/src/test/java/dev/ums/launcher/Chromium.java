package dev.ums.launcher;

import dev.ums.protocol.tls.PinnedTrust;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocket;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its {@code chromedriver}, trusting exactly one server: the SPKI
 * hash of the certificate the server presents (checked against the server's printed fingerprint first) goes to
 * {@code --ignore-certificate-errors-spki-list}, so any other certificate still fails as it would for a user.
 * Fails with a sentence when the packages are missing. One test thread uses it.
 */
final class Chromium {
    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** A fresh browser (own profile in {@code profile}) trusting the server at {@code host:port}. */
    static ChromeDriver start(String host, int port, String fingerprint, Path profile, Path downloads)
            throws IOException {
        return start(host, port, fingerprint, profile, downloads, "1280,860");
    }

    /** As above with a window of {@code size} ("W,H"). */
    static ChromeDriver start(String host, int port, String fingerprint, Path profile, Path downloads, String size)
            throws IOException {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the web app's browser tests need Debian's chromium and chromium-driver "
                    + "packages (apt-get install chromium chromium-driver; .ci/run installs them)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + size, "--user-data-dir=" + profile, "--no-first-run",
                "--ignore-certificate-errors-spki-list=" + spkiHash(host, port, fingerprint));
        // the page's console messages (CSP violations, script errors) for the tests to read
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Base64 of SHA-256 over the server certificate's SubjectPublicKeyInfo, after pinning its fingerprint. */
    static String spkiHash(String host, int port, String fingerprint) throws IOException {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(host, port), 10_000);
            SSLSocket tls = (SSLSocket) PinnedTrust.recordingAny(seen::set).sslContext().getSocketFactory()
                    .createSocket(raw, host, port, true);
            tls.startHandshake();
            tls.close();
        }
        try {
            X509Certificate cert = seen.get();
            String presented = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
            if (!presented.equalsIgnoreCase(fingerprint)) {
                throw new IOException("the server presented " + presented + ", not the pinned " + fingerprint);
            }
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("hashing the server's certificate failed", e);
        }
    }
}
