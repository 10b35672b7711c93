package dev.ums.console.gui.internal.session;

import dev.ums.viewer.Framebuffer;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.imageio.ImageIO;

/** A copy of a session's desktop, written as PNG; copy on the event thread, write on a worker. */
final class Screenshot {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final BufferedImage image;

    private Screenshot(BufferedImage image) {
        this.image = image;
    }

    /** Copies the pixels now, so later updates do not change the picture while it is written. */
    static Screenshot of(Framebuffer framebuffer) {
        int w = framebuffer.width();
        int h = framebuffer.height();
        BufferedImage copy = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        copy.setRGB(0, 0, w, h, framebuffer.copyPixels(), 0, w);
        return new Screenshot(copy);
    }

    static String suggestedName(String device) {
        return device.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + STAMP.format(LocalDateTime.now()) + ".png";
    }

    void write(File file) throws IOException {
        if (!ImageIO.write(image, "png", file)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
    }
}
