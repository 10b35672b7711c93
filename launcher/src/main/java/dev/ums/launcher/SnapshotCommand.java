package dev.ums.launcher;

import dev.ums.viewer.Encoding;
import dev.ums.viewer.VncAddress;
import dev.ums.viewer.VncSettings;
import dev.ums.viewer.VncSnapshot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import dev.ums.viewer.VncCertificateTrust;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ums snapshot}: saves one complete frame of a VNC server as a PNG, using our own engine. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Connect to a VNC server, wait for one complete frame and save it as PNG.")
public final class SnapshotCommand implements Callable<Integer> {

    @Option(names = "--vnc", required = true, paramLabel = "HOST:PORT", description = "The VNC server.")
    String vnc;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Where to write the PNG.")
    Path out;

    @Option(names = "--encoding", paramLabel = "NAME",
            description = "Use only this encoding: raw, copyrect, rre, hextile, zrle or tight (default: all).")
    String encoding;

    @Option(names = "--quality", paramLabel = "0-9",
            description = "Turn on Tight JPEG at this quality; without it Tight is lossless.")
    Integer quality;

    @Mixin
    VncClientOptions client = new VncClientOptions();

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long to wait for a complete frame (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        VncSettings.Builder settings = VncSettings.builder();
        if (encoding != null) {
            settings.encodings(Encoding.parse(encoding));
        }
        if (quality != null) {
            if (quality < 0 || quality > 9) {
                throw new IllegalArgumentException("--quality must be between 0 and 9.");
            }
            settings.jpegQuality(quality);
        }
        VncAddress address = VncAddress.parse(vnc);
        // Unattended: a changed certificate is refused; the user may pin the new one with --x509-fingerprint.
        client.apply(settings, address.toString(), VncCertificateTrust.ChangeConfirmation.REFUSE);
        Path folder = out.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IOException("Cannot write " + out + ": the folder " + folder + " does not exist.");
        }
        BufferedImage image = VncSnapshot.capture(address, settings.build(),
                Duration.ofSeconds(timeoutSeconds));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        try {
            Files.write(out, png.toByteArray());
        } catch (IOException e) {
            throw new IOException("Cannot write " + out + ": " + e.getMessage() + ".", e);
        }
        return 0;
    }
}
