package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.vnc.ServerCertificate;
import dev.ums.testkit.vnc.XvncServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ums snapshot} run in-process against a real Xvnc speaking VeNCrypt X509None with a certificate made by
 * openssl: the right {@code --x509-fingerprint} gives a PNG, a wrong one a single sentence naming the certificate.
 */
class SnapshotCommandTest {
    @TempDir
    static Path dir;
    private static Path cert;
    private static Path key;
    private static String fingerprint;

    @BeforeAll
    static void makeCertificate() throws Exception {
        ServerCertificate certificate = ServerCertificate.create(dir, "snapshot-test");
        cert = certificate.cert();
        key = certificate.key();
        fingerprint = certificate.sha256();
    }

    private static int run(StringWriter err, String... args) {
        return Ums.commandLine(args).setExecutionExceptionHandler(new UserErrorHandler())
                .setErr(new PrintWriter(err, true)).execute(args);
    }

    /** Runs {@code ums args}, expects it to fail (exit code 1) and answers what it wrote to standard error. */
    private static String failure(String... args) {
        StringWriter err = new StringWriter();
        assertThat(run(err, args)).as(err.toString()).isEqualTo(1);
        return err.toString().strip();
    }

    private static XvncServer x509Xvnc() {
        return XvncServer.startWithSecurity(200, 150, "-SecurityTypes", "X509None", "-X509Cert", cert.toString(),
                "-X509Key", key.toString());
    }

    @Test
    void rightPinGivesThePicture() throws Exception {
        Path png = dir.resolve("pinned.png");
        try (XvncServer xvnc = x509Xvnc()) {
            StringWriter err = new StringWriter();
            // colons and upper case, as fingerprints are often pasted
            String pasted = HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(fingerprint));
            int code = run(err, "snapshot", "--vnc", xvnc.host() + ":" + xvnc.port(), "--out", png.toString(),
                    "--x509-fingerprint", pasted);
            assertThat(code).as(err.toString()).isZero();
            int[] shot = javax.imageio.ImageIO.read(png.toFile()).getRGB(0, 0, 200, 150, null, 0, 200);
            int[] screen = xvnc.screenPixels();
            for (int i = 0; i < shot.length; i++) {
                shot[i] &= 0xffffff;
            }
            assertThat(shot).isEqualTo(screen);
        }
    }

    @Test
    void wrongPinIsOneSentenceNamingTheCertificate() {
        String wrong = "0".repeat(64);
        try (XvncServer xvnc = x509Xvnc()) {
            assertThat(failure("snapshot", "--vnc", xvnc.host() + ":" + xvnc.port(), "--out",
                    dir.resolve("never.png").toString(), "--x509-fingerprint", wrong))
                    .isEqualTo("error: The VNC server presented the certificate "
                    + "CN=snapshot-test (SHA-256 " + fingerprint + "), not the pinned one (SHA-256 " + wrong + ").");
            assertThat(dir.resolve("never.png")).doesNotExist();
        }
    }

    /**
     * Against an Xvnc that offers only VeNCrypt Plain (user name and password in clear text): refused with a sentence
     * and nothing sent, as TigerVNC's viewer refuses it by default; with {@code --allow-plain} the credentials go and
     * Xvnc's own refusal of a user outside {@code -PlainUsers} comes back.
     */
    @Test
    void aClearTextPasswordIsSentOnlyWithAllowPlain() throws Exception {
        Path password = Files.writeString(dir.resolve("vnc-password"), "secret\n",
                StandardOpenOption.CREATE_NEW);
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        try (XvncServer xvnc = XvncServer.startWithSecurity(200, 150, "-SecurityTypes", "Plain", "-PlainUsers",
                "someone-else")) {
            String[] args = {"snapshot", "--vnc", xvnc.host() + ":" + xvnc.port(), "--out",
                    dir.resolve("plain.png").toString(), "--user", "anna", "--password-file", password.toString()};
            assertThat(failure(args)).isEqualTo("error: The VNC server asks for a user name and password in clear "
                    + "text (VeNCrypt Plain), which anyone on the network could read; they are sent only where "
                    + "clear-text passwords are allowed. To send them anyway, run again with --allow-plain.");
            String[] allowed = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--allow-plain")).toArray(String[]::new);
            assertThat(failure(allowed)).startsWith("error: The VNC server rejected the user name or password");
            assertThat(dir.resolve("plain.png")).doesNotExist();
        }
    }

    /**
     * Each quality override against a plain Xvnc: lossless settings, and a snapshot's default, give the X server's
     * exact pixels; JPEG (also automatic quality, which starts at JPEG 8) and fewer colours give a picture that is
     * close (PSNR floor) but visibly lossy, with no more colours than the level allows.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "--quality, lossless, 0, 0",
        "--quality, auto, 25, 0",
        "--compress, 9, 0, 0",
        "--encoding, zrle, 0, 0",
        "--encoding, hextile, 0, 0",
        "--quality, 2, 18, 0",
        "--colour, 256, 18, 256",
        "--colour, 64, 15, 64",
        "--colour, 8, 8, 8",
    })
    void qualityOverridesReachTheServer(String option, String value, double minPsnr, int maxColours) throws Exception {
        Path png = dir.resolve("override-" + option.substring(2) + "-" + value + ".png");
        try (XvncServer xvnc = XvncServer.start(200, 150)) {
            StringWriter err = new StringWriter();
            int code = run(err, "snapshot", "--vnc", xvnc.host() + ":" + xvnc.port(), "--out", png.toString(),
                    option, value);
            assertThat(code).as(err.toString()).isZero();
            int[] shot = javax.imageio.ImageIO.read(png.toFile()).getRGB(0, 0, 200, 150, null, 0, 200);
            int[] screen = xvnc.screenPixels();
            double squared = 0;
            java.util.Set<Integer> colours = new java.util.HashSet<>();
            for (int i = 0; i < shot.length; i++) {
                colours.add(shot[i] & 0xffffff);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = (shot[i] >> shift & 0xff) - (screen[i] >> shift & 0xff);
                    squared += d * d;
                }
            }
            double psnr = squared == 0 ? Double.POSITIVE_INFINITY
                    : 10 * Math.log10(255.0 * 255.0 / (squared / (shot.length * 3.0)));
            if (minPsnr == 0) {
                assertThat(psnr).as("exact picture").isInfinite();
            } else {
                assertThat(psnr).as("PSNR in dB").isGreaterThanOrEqualTo(minPsnr).isFinite();
            }
            if (maxColours > 0) {
                assertThat(colours.size()).as("distinct colours").isLessThanOrEqualTo(maxColours);
            }
            if (option.equals("--encoding")) {
                String name = value.equals("zrle") ? "ZRLE:" : "Hextile:";
                for (int i = 0; i < 100 && !xvnc.log().contains(name); i++) {
                    Thread.sleep(50);   // Xvnc writes its per-encoding figures when the client has gone
                }
                assertThat(xvnc.log()).contains(name).doesNotContain("Tight:");
            }
        }
    }

    /**
     * A password file that other users of the machine may read (as one written under the usual umask 022 is) is still
     * used, after a warning that says how to close it; one that only its owner reads gets no warning. Nothing listens
     * at the VNC address, so the command ends after reading the file.
     */
    @Test
    void aPasswordFileOthersCanReadIsUsedAfterAWarningThatSaysHowToCloseIt() throws Exception {
        Path open = Files.writeString(dir.resolve("open-password"), "secret\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        Path groupOnly = Files.writeString(dir.resolve("group-password"), "secret\n");
        Files.setPosixFilePermissions(groupOnly, PosixFilePermissions.fromString("rw-r-----"));
        Path closed = Files.writeString(dir.resolve("closed-password"), "secret\n");
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rw-------"));

        assertThat(snapshotWithPasswordFile(open)).hasSize(2).first().isEqualTo("warning: the password file " + open
                + " can be read by other users of this machine (rw-r--r--); make it readable by its owner only: "
                + "chmod 600 " + open);
        assertThat(snapshotWithPasswordFile(groupOnly)).hasSize(2).first().asString()
                .startsWith("warning: the password file " + groupOnly + " can be read by other users");
        assertThat(snapshotWithPasswordFile(closed)).singleElement().asString()
                .startsWith("error: Cannot connect to the VNC server at 127.0.0.1:1");
        assertThat(Files.getPosixFilePermissions(open)).as("the file is left as it is")
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** The lines on stderr of a snapshot of a closed port with {@code --password-file file}. */
    private static List<String> snapshotWithPasswordFile(Path file) {
        return failure("snapshot", "--vnc", "127.0.0.1:1", "--out", dir.resolve("never.png").toString(),
                "--password-file", file.toString()).lines().toList();
    }

    @Test
    void outOfRangeQualityIsOneSentence() {
        assertThat(failure("snapshot", "--vnc", "127.0.0.1:1", "--out", dir.resolve("q.png").toString(),
                "--quality", "11"))
                .isEqualTo("error: --quality takes auto, lossless or a level from 0 to 9, not \"11\".");
    }

    @Test
    void aDirectoryAsOutIsRefusedBeforeConnecting() throws Exception {
        Path folder = java.nio.file.Files.createDirectories(dir.resolve("a-folder.png"));
        assertThat(failure("snapshot", "--vnc", "127.0.0.1:1", "--out", folder.toString()))
                .isEqualTo("error: cannot write " + folder + ": is a directory");
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void malformedPinIsRefusedBeforeConnecting() {
        assertThat(List.of(failure("snapshot", "--vnc", "127.0.0.1:1", "--out", dir.resolve("x.png").toString(),
                "--x509-fingerprint", "abc").split("\n"))).containsExactly("error: A certificate fingerprint is 64 "
                + "hex digits (the SHA-256 of its DER encoding), not \"abc\".");
    }
}
