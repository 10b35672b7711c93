package dev.ums.console.gui.session;

import dev.ums.viewer.VncView;
import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.event.MouseAdapter;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.Scrollable;

/**
 * Holds a {@link VncView} in a scroll pane (tracking the viewport when fitting, scrolling at 100 %) under a
 * transparent shield. While input is locked the shield is shown: it takes every mouse event and the
 * keyboard focus, so nothing reaches the view and the session sends no input. Event thread only.
 */
final class ViewportPanel extends JPanel implements Scrollable {
    private static final long serialVersionUID = 1L;

    private final VncView view;
    private final JComponent shield = new JComponent() {
        private static final long serialVersionUID = 1L;
    };

    ViewportPanel(VncView view) {
        super(null);
        this.view = view;
        shield.setName("inputShield");
        shield.setFocusable(true);
        shield.setOpaque(false);
        MouseAdapter swallow = new MouseAdapter() {
        };
        shield.addMouseListener(swallow);
        shield.addMouseMotionListener(swallow);
        shield.addMouseWheelListener(swallow);
        shield.setVisible(false);
        add(shield);
        add(view);
    }

    @Override
    public boolean isOptimizedDrawingEnabled() {
        return false;
    }

    @Override
    public void doLayout() {
        view.setBounds(0, 0, getWidth(), getHeight());
        shield.setBounds(0, 0, getWidth(), getHeight());
    }

    @Override
    public Dimension getPreferredSize() {
        return view.getPreferredSize();
    }

    /** Locks or unlocks local input to the remote desktop. */
    void lockInput(boolean locked) {
        shield.setVisible(locked);
        view.setFocusable(!locked);
        (locked ? shield : view).requestFocusInWindow();
    }

    boolean inputLocked() {
        return shield.isVisible();
    }

    VncView view() {
        return view;
    }

    @Override
    public Dimension getPreferredScrollableViewportSize() {
        return view.getPreferredScrollableViewportSize();
    }

    @Override
    public int getScrollableUnitIncrement(Rectangle visible, int orientation, int direction) {
        return view.getScrollableUnitIncrement(visible, orientation, direction);
    }

    /** Scrolls as its view does, except that a page leaves 16 pixels of the previous one in sight. */
    @Override
    public int getScrollableBlockIncrement(Rectangle visible, int orientation, int direction) {
        return view.getScrollableBlockIncrement(visible, orientation, direction) - 16;
    }

    @Override
    public boolean getScrollableTracksViewportWidth() {
        return view.getScrollableTracksViewportWidth();
    }

    @Override
    public boolean getScrollableTracksViewportHeight() {
        return view.getScrollableTracksViewportHeight();
    }
}
