package dev.ums.console.gui.internal.session;

import dev.ums.protocol.io.FileFailureSentence;
import dev.ums.protocol.io.OwnerOnlyReplacement;
import dev.ums.viewer.Framebuffer;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.imageio.ImageIO;

/** A copy of a session's desktop, written as PNG; copy on the event thread, write on a worker. */
final class Screenshot {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final BufferedImage image;

    Screenshot(BufferedImage image) {
        this.image = image;
    }

    /** Copies the pixels now, so later updates do not change the picture while it is written. */
    static Screenshot of(Framebuffer framebuffer) {
        Framebuffer.Pixels pixels = framebuffer.snapshot();   // one size with its pixels, though the desktop may resize
        BufferedImage copy = new BufferedImage(pixels.width(), pixels.height(), BufferedImage.TYPE_INT_RGB);
        copy.setRGB(0, 0, pixels.width(), pixels.height(), pixels.array(), 0, pixels.width());
        return new Screenshot(copy);
    }

    static String suggestedName(String device) {
        return device.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + STAMP.format(LocalDateTime.now()) + ".png";
    }

    /**
     * Writes the PNG owner-only where the file system has POSIX permissions (the picture of a device's screen is as
     * private as a recording of it, as {@code ums snapshot --out} writes it) through a part file moved into place
     * ({@link OwnerOnlyReplacement}): a failed write leaves no half file, and a link planted at the name is replaced,
     * not followed. A file that cannot be written fails with "cannot write FILE: REASON" (ImageIO given the file
     * itself would say only "Can't create an ImageOutputStream!" and print a stack trace).
     */
    void write(File file) throws IOException {
        Path target = file.toPath();
        try {
            OwnerOnlyReplacement.write(target, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer in this Java runtime");
                }
            });
        } catch (FileSystemException e) {
            throw new IOException(FileFailureSentence.of("write", target, e), e);
        }
    }
}
