package dev.ums.viewer;

import java.awt.GraphicsEnvironment;
import java.awt.Toolkit;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the local and the remote clipboard in step: remote text goes to the system clipboard,
 * and local text is offered to the server when the view gains focus, if it changed. Event thread only.
 */
final class ClipboardBridge {
    private static final Logger LOG = LoggerFactory.getLogger(ClipboardBridge.class);
    private final VncSession session;
    private String lastSeen = "";

    ClipboardBridge(VncSession session) {
        this.session = session;
    }

    void received(String text) {
        lastSeen = text;
        Clipboard clipboard = systemClipboard();
        if (clipboard != null) {
            try {
                clipboard.setContents(new StringSelection(text), null);
            } catch (IllegalStateException busy) {
                LOG.debug("system clipboard busy", busy);
            }
        }
    }

    void offerLocal() {
        Clipboard clipboard = systemClipboard();
        if (clipboard == null || session.viewOnly()) {
            return;
        }
        try {
            if (clipboard.isDataFlavorAvailable(DataFlavor.stringFlavor)) {
                String text = (String) clipboard.getData(DataFlavor.stringFlavor);
                if (text != null && !text.equals(lastSeen)) {
                    lastSeen = text;
                    session.sendClipboard(text);
                }
            }
        } catch (Exception unreadable) {
            LOG.debug("system clipboard unreadable", unreadable);
        }
    }

    private static Clipboard systemClipboard() {
        return GraphicsEnvironment.isHeadless() ? null : Toolkit.getDefaultToolkit().getSystemClipboard();
    }
}
