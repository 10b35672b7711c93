package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.vnc.XvncServer;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * VeNCrypt against a real TigerVNC Xvnc started with each {@code -SecurityTypes}: the session connects, agrees the
 * kind, and shows the X server's own pixels; passwords, certificate pins and trust on first use behave as documented.
 */
class VeNCryptXvncTest {
    private static final String PASSWORD = "tls-pw";

    @TempDir
    static Path dir;
    private static TestCertificate certificate;
    private static Path passwordFile;

    @BeforeAll
    static void makeFiles() throws Exception {
        certificate = TestCertificate.create(dir, "xvnc-test-host");
        passwordFile = TestCertificate.passwordFile(dir, PASSWORD);
    }

    private static List<String> options(String type, TestCertificate cert) {
        List<String> options = new ArrayList<>(List.of("-SecurityTypes", type, "-PasswordFile", passwordFile.toString()));
        if (type.startsWith("X509")) {
            options.addAll(List.of("-X509Cert", cert.cert().toString(), "-X509Key", cert.key().toString()));
        }
        return options;
    }

    /**
     * The pin for the X509 kinds; the default trust for the others, which have no certificate to pin: a pin makes the
     * viewer refuse them (see {@link #aPinnedCertificateIsNotGivenUpForAnonymousTls}).
     */
    private static VncCertificateTrust trustFor(String type) {
        return type.startsWith("X509") ? VncCertificateTrust.pinned(certificate.described().fingerprint())
                : VncCertificateTrust.UNCHECKED;
    }

    /** Settings for a session whose pixels are compared exactly: lossless, so the first picture is exact. */
    private static VncSettings.Builder lossless() {
        return VncSettings.builder().jpegQuality(VncSettings.LOSSLESS);
    }

    private static VncSession open(XvncServer server, VncSettings settings) throws IOException {
        Socket socket = new Socket(server.host(), server.port());
        return new VncSession(socket.getInputStream(), socket.getOutputStream(), settings).start();
    }

    private static void assertShowsServerPixels(XvncServer server, VncSession session) throws Exception {
        try (session) {
            assertThat(session.awaitFirstFrame(15, TimeUnit.SECONDS)).as("frame (error: %s)", session.error()).isTrue();
            assertThat(session.framebuffer().copyPixels()).isEqualTo(server.screenPixels());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSNone", "TLSVnc", "X509None", "X509Vnc"})
    void connectsWithEachKindAndShowsTheServersPixels(String type) throws Exception {
        try (XvncServer server = XvncServer.startWithSecurity(160, 120, options(type, certificate).toArray(String[]::new))) {
            VncSession session = open(server, lossless().password(PASSWORD.toCharArray())
                    .certificateTrust(trustFor(type)).build());
            assertShowsServerPixels(server, session);
            assertThat(session.security()).isEqualTo(type);
        }
    }

    @Test
    void xvncsDefaultSecurityIsTlsWithVncAuthentication() throws Exception {
        try (XvncServer server = XvncServer.startWithSecurity(160, 120, "-PasswordFile", passwordFile.toString())) {
            VncSession session = open(server, lossless().password(PASSWORD.toCharArray()).build());
            assertShowsServerPixels(server, session);
            assertThat(session.security()).isEqualTo("TLSVnc");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Plain", "TLSPlain", "X509Plain"})
    void plainKindsCarryTheUserNameToTheServer(String type) throws Exception {
        // Xvnc checks Plain logins with PAM and admits only the users listed in -PlainUsers; a user outside the list
        // gets Xvnc's own refusal, which shows it read the user name and password we sent (over TLS where used).
        List<String> options = options(type, certificate);
        options.addAll(List.of("-PlainUsers", "someone-else"));
        try (XvncServer server = XvncServer.startWithSecurity(160, 120, options.toArray(String[]::new))) {
            VncSession session = open(server, lossless().username("anna").password("secret".toCharArray())
                    .clearTextPasswords(type.equals("Plain")).certificateTrust(trustFor(type)).build());
            assertThat(session.awaitClosed(15, TimeUnit.SECONDS)).isTrue();
            assertThat(session.error()).isInstanceOf(VncAuthenticationException.class);
            assertThat(session.error().getMessage()).startsWith("The VNC server rejected the user name or password");
            assertThat(session.security()).isEmpty();
        }
    }

    @Test
    void wrongPasswordOverTlsIsRejectedByTheServer() throws Exception {
        try (XvncServer server = XvncServer.startWithSecurity(160, 120, options("TLSVnc", certificate).toArray(String[]::new))) {
            VncSession session = open(server, lossless().password("wrong".toCharArray()).build());
            assertThat(session.awaitClosed(15, TimeUnit.SECONDS)).isTrue();
            assertThat(session.error()).isInstanceOf(VncAuthenticationException.class)
                    .hasMessageStartingWith("The VNC server rejected the password");
        }
    }

    @Test
    void wrongPinIsOneSentenceNamingTheCertificate() throws Exception {
        String otherPin = "ab".repeat(32);
        try (XvncServer server = XvncServer.startWithSecurity(160, 120, options("X509None", certificate).toArray(String[]::new))) {
            VncSession session = open(server, lossless()
                    .certificateTrust(VncCertificateTrust.pinned(otherPin.toUpperCase())).build());
            assertThat(session.awaitClosed(15, TimeUnit.SECONDS)).isTrue();
            assertThat(session.error()).isInstanceOfSatisfying(VncCertificateException.class, e -> {
                assertThat(e.kind()).isEqualTo(VncCertificateException.Kind.PIN_MISMATCH);
                assertThat(e.certificate()).isEqualTo(certificate.described());
            });
            assertThat(session.error().getMessage()).isEqualTo("The VNC server presented the certificate CN=xvnc-test-host"
                    + " (SHA-256 " + certificate.described().fingerprint() + "), not the pinned one (SHA-256 "
                    + otherPin + ").");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSVnc", "TLSPlain", "VncAuth"})
    void aPinnedCertificateIsNotGivenUpForAnonymousTls(String type) throws Exception {
        // What a man in the middle without the server's key would offer: the pin ends the session before any prompt.
        List<String> asked = new ArrayList<>();
        try (XvncServer server = XvncServer.startWithSecurity(160, 120, options(type, certificate).toArray(String[]::new))) {
            VncSession session = open(server, lossless().credentials(request -> {
                asked.add(type);
                return new VncCredentials("anna", PASSWORD.toCharArray());
            }).certificateTrust(VncCertificateTrust.pinned(certificate.described().fingerprint())).build());
            assertThat(session.awaitClosed(15, TimeUnit.SECONDS)).isTrue();
            assertThat(session.error()).isInstanceOfSatisfying(VncCertificateException.class,
                    e -> assertThat(e.kind()).isEqualTo(VncCertificateException.Kind.NOT_OFFERED))
                    .hasMessageContaining("(" + type + ")");
            assertThat(asked).as("no password was asked for, so none was sent").isEmpty();
        }
    }

    @Test
    void withoutAWayToCheckTheCertificateTheSessionEndsWithASentence() throws Exception {
        try (XvncServer server = XvncServer.startWithSecurity(160, 120, options("X509None", certificate).toArray(String[]::new))) {
            VncSession session = open(server, lossless().build());
            assertThat(session.awaitClosed(15, TimeUnit.SECONDS)).isTrue();
            assertThat(session.error()).isInstanceOf(VncCertificateException.class)
                    .hasMessageContaining("cannot be checked");
        }
    }

    @Test
    void firstUseRemembersAndAChangedCertificateNeedsConfirmation() throws Exception {
        Path known = dir.resolve("known/vnc-certificates");
        VncKnownCertificates store = VncKnownCertificates.inFile(known);
        TestCertificate renewed = TestCertificate.create(dir.resolve("renewed"), "xvnc-test-host");
        List<String> asked = new ArrayList<>();
        try (XvncServer first = XvncServer.startWithSecurity(160, 120, options("X509None", certificate).toArray(String[]::new))) {
            String server = first.host() + ":" + first.port();
            VncCertificateTrust refuseChange = VncCertificateTrust.firstUse(store, server,
                    VncCertificateTrust.ChangeConfirmation.REFUSE);
            assertShowsServerPixels(first, open(first, lossless().certificateTrust(refuseChange).build()));
            assertThat(Files.readString(known)).contains(server + " " + certificate.described().fingerprint());
            assertShowsServerPixels(first, open(first, lossless().certificateTrust(refuseChange).build()));
        }
        try (XvncServer changed = XvncServer.startWithSecurity(160, 120, options("X509None", renewed).toArray(String[]::new))) {
            String server = changed.host() + ":" + changed.port();
            store.remember(server, certificate.described().fingerprint());   // as if it had presented the old one before
            VncSession refused = open(changed, lossless().certificateTrust(VncCertificateTrust.firstUse(store,
                    server, VncCertificateTrust.ChangeConfirmation.REFUSE)).build());
            assertThat(refused.awaitClosed(15, TimeUnit.SECONDS)).isTrue();
            assertThat(refused.error()).isInstanceOfSatisfying(VncCertificateException.class,
                    e -> assertThat(e.kind()).isEqualTo(VncCertificateException.Kind.CHANGED));
            assertThat(store.fingerprint(server)).isEqualTo(certificate.described().fingerprint());

            VncCertificateTrust confirming = VncCertificateTrust.firstUse(store, server, (s, previous, presented) -> {
                asked.add(s + " " + previous + " -> " + presented.fingerprint());
                return true;
            });
            assertShowsServerPixels(changed, open(changed, lossless().certificateTrust(confirming).build()));
            assertThat(asked).containsExactly(server + " " + certificate.described().fingerprint() + " -> "
                    + renewed.described().fingerprint());
            assertThat(store.fingerprint(server)).isEqualTo(renewed.described().fingerprint());
        }
    }
}
