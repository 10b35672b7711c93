package dev.ums.console.gui.internal.playback;

import dev.ums.viewer.CursorShape;
import dev.ums.viewer.Framebuffer;
import dev.ums.viewer.VncInputEvent;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javax.swing.JComponent;

/**
 * The replayed picture: the framebuffer pixel for pixel when it fits, shrunk smoothly to fit when it does not, and
 * the cursor shape the server sent drawn where the console's pointer was. Painting only reads the framebuffer the
 * decoder writes, as the live view does. Event thread.
 */
final class FrameView extends JComponent {
    private static final long serialVersionUID = 1L;

    private final transient Framebuffer framebuffer;
    private transient BufferedImage cursorImage;
    private transient CursorShape cursor = CursorShape.HIDDEN;
    private transient VncInputEvent pointer;

    FrameView(Framebuffer framebuffer) {
        this.framebuffer = framebuffer;
        setName("playerFrame");
        setOpaque(true);
        setBackground(Color.DARK_GRAY);
    }

    /** After a decoder step: the cursor to draw and where; repaints. */
    void stepped(CursorShape shape, VncInputEvent at) {
        if (shape != cursor) {
            cursor = shape;
            cursorImage = null;
            if (!shape.hidden()) {
                cursorImage = new BufferedImage(shape.width(), shape.height(), BufferedImage.TYPE_INT_ARGB);
                cursorImage.setRGB(0, 0, shape.width(), shape.height(), shape.argb(), 0, shape.width());
            }
        }
        pointer = at;
        if (!getPreferredSize().equals(new Dimension(framebuffer.width(), framebuffer.height()))) {
            revalidate();
        }
        repaint();
    }

    /** A copy of the replayed pixels (tests); any thread, as painting reads them. */
    int[] framebufferPixels() {
        return framebuffer.copyPixels();
    }

    @Override
    public Dimension getPreferredSize() {
        return new Dimension(framebuffer.width(), framebuffer.height());
    }

    /** Desktop pixels to component pixels: 1 when the desktop fits, else the factor that makes it fit. */
    double scale() {
        if (getWidth() <= 0 || getHeight() <= 0) {
            return 1.0;
        }
        return Math.min(1.0, Math.min((double) getWidth() / framebuffer.width(),
                (double) getHeight() / framebuffer.height()));
    }

    /** Where the desktop's top-left corner is drawn (centred). */
    java.awt.Point origin() {
        double s = scale();
        return new java.awt.Point(Math.max(0, (int) ((getWidth() - framebuffer.width() * s) / 2)),
                Math.max(0, (int) ((getHeight() - framebuffer.height() * s) / 2)));
    }

    @Override
    protected void paintComponent(Graphics g) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setColor(getBackground());
            g2.fillRect(0, 0, getWidth(), getHeight());
            double s = scale();
            java.awt.Point o = origin();
            if (s != 1.0) {
                g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g2.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            }
            g2.drawImage(framebuffer.image(), o.x, o.y, (int) Math.round(framebuffer.width() * s),
                    (int) Math.round(framebuffer.height() * s), null);
            if (cursorImage != null && pointer != null) {
                g2.drawImage(cursorImage, o.x + (int) ((pointer.x() - cursor.hotX()) * s),
                        o.y + (int) ((pointer.y() - cursor.hotY()) * s), (int) Math.ceil(cursor.width() * s),
                        (int) Math.ceil(cursor.height() * s), null);
            }
        } finally {
            g2.dispose();
        }
    }
}
