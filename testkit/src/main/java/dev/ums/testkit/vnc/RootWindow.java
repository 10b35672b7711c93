package dev.ums.testkit.vnc;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/** An X display's own screen, read with ImageMagick {@code import -window root}: what a VNC client must show. */
final class RootWindow {
    private RootWindow() {
    }

    static byte[] png(String display) throws IOException {
        return XvncServer.run(List.of("import", "-display", display, "-window", "root", "png:-"), null, null);
    }

    /** The screen as 0x00RRGGBB values, row by row. */
    static int[] pixels(String display) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png(display)));
        int[] rgb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xffffff;
        }
        return rgb;
    }
}
