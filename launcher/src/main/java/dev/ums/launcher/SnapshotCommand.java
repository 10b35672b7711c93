package dev.ums.launcher;

import dev.ums.viewer.VncAddress;
import dev.ums.viewer.VncSettings;
import dev.ums.viewer.VncSnapshot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
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

    @Mixin
    VncClientOptions client = new VncClientOptions("lossless");

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS", converter = AtLeastOne.class,
            description = "How long to wait for a complete frame (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        VncSettings.Builder settings = VncSettings.builder();
        VncAddress address = VncAddress.parse(vnc);
        // Unattended: a changed certificate is refused; the user may pin the new one with --x509-fingerprint.
        client.apply(settings, address.toString(), VncCertificateTrust.ChangeConfirmation.REFUSE);
        OutFile outFile = new OutFile(out);
        outFile.checkPath();
        BufferedImage image = VncSnapshot.capture(address, settings.build(),
                Duration.ofSeconds(timeoutSeconds));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        outFile.write(png.toByteArray());
        return 0;
    }
}
