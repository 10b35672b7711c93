package dev.ums.console.gui.internal;

import java.awt.Window;
import javax.swing.JComponent;
import javax.swing.KeyStroke;
import javax.swing.RootPaneContainer;

/** The console's windows all let Escape do what their Close or Cancel does. Event thread only. */
public final class EscapeKey {
    private EscapeKey() {
    }

    /** Escape anywhere in {@code window} runs {@code action}. */
    public static void runs(RootPaneContainer window, Runnable action) {
        window.getRootPane().registerKeyboardAction(e -> action.run(), KeyStroke.getKeyStroke("ESCAPE"),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
    }

    /** Escape anywhere in {@code window} closes it as its Close button would. */
    public static <W extends Window & RootPaneContainer> void closes(W window) {
        runs(window, window::dispose);
    }
}
