package dev.ums.viewer;

import dev.ums.viewer.internal.input.KeyTranslator;
import java.awt.Point;
import java.awt.event.FocusEvent;
import java.awt.event.FocusListener;
import java.awt.event.KeyEvent;
import java.awt.event.KeyListener;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;

/**
 * Forwards a {@link VncView}'s keyboard, pointer and focus events to the session. Event thread only. The session
 * only enqueues and the clipboard bridge reads the system clipboard on its own thread, so the event thread never waits
 * on the network or on the program owning the clipboard. In view-only mode no keyboard or wheel listener is installed
 * and nothing is sent; the mode may change while the view is shown.
 */
final class ViewInput extends MouseAdapter implements KeyListener, FocusListener {
    private static final int WHEEL_UP = 8;
    private static final int WHEEL_DOWN = 16;
    private static final int WHEEL_LEFT = 32;
    private static final int WHEEL_RIGHT = 64;

    private final VncView view;
    private final VncSession session;
    private final ClipboardBridge clipboard;
    private final KeyTranslator keys;
    private int buttons;
    private Point last = new Point();

    ViewInput(VncView view, VncSession session, ClipboardBridge clipboard) {
        this.view = view;
        this.session = session;
        this.clipboard = clipboard;
        this.keys = new KeyTranslator(session::sendKey);
        view.addFocusListener(this);
        view.addMouseListener(this);
        view.addMouseMotionListener(this);
        if (!session.viewOnly()) {
            view.addMouseWheelListener(this);
            view.addKeyListener(this);
        }
    }

    /**
     * Follows the session's view-only mode: a watcher's wheel scrolls the enclosing scroll pane and its keys stay
     * local. Event thread.
     */
    void viewOnlyChanged(boolean viewOnly) {
        view.removeMouseWheelListener(this);
        view.removeKeyListener(this);
        if (viewOnly) {
            buttons = 0;
        } else {
            view.addMouseWheelListener(this);
            view.addKeyListener(this);
        }
    }

    @Override
    public void keyPressed(KeyEvent e) {
        keys.pressed(e.getKeyCode(), e.getKeyChar(), e.getKeyLocation(), e.isControlDown());
        e.consume();
    }

    @Override
    public void keyTyped(KeyEvent e) {
        keys.typed(e.getKeyChar());
        e.consume();
    }

    @Override
    public void keyReleased(KeyEvent e) {
        keys.released(e.getKeyCode());
        e.consume();
    }

    @Override
    public void mousePressed(MouseEvent e) {
        view.requestFocusInWindow();
        buttons |= mask(e.getButton());
        pointer(e);
    }

    @Override
    public void mouseReleased(MouseEvent e) {
        buttons &= ~mask(e.getButton());
        pointer(e);
    }

    @Override
    public void mouseMoved(MouseEvent e) {
        pointer(e);
    }

    @Override
    public void mouseDragged(MouseEvent e) {
        pointer(e);
    }

    @Override
    public void mouseWheelMoved(MouseWheelEvent e) {
        int notches = e.getWheelRotation();
        boolean horizontal = e.isShiftDown();
        int bit = horizontal ? (notches < 0 ? WHEEL_LEFT : WHEEL_RIGHT) : (notches < 0 ? WHEEL_UP : WHEEL_DOWN);
        for (int i = 0; i < Math.abs(notches); i++) {
            session.sendPointer(last.x, last.y, buttons | bit);
            session.sendPointer(last.x, last.y, buttons);
        }
    }

    private void pointer(MouseEvent e) {
        view.pointerMoved(e.getPoint());
        last = view.toFramebuffer(e.getX(), e.getY());
        session.sendPointer(last.x, last.y, buttons);
    }

    private static int mask(int button) {
        return switch (button) {
            case MouseEvent.BUTTON1 -> 1;
            case MouseEvent.BUTTON2 -> 2;
            case MouseEvent.BUTTON3 -> 4;
            default -> 0;
        };
    }

    @Override
    public void focusGained(FocusEvent e) {
        clipboard.offerLocal();
    }

    @Override
    public void focusLost(FocusEvent e) {
        releaseAll();
    }

    void releaseAll() {
        keys.releaseAll();
        if (buttons != 0) {
            buttons = 0;
            session.sendPointer(last.x, last.y, 0);
        }
    }

}
