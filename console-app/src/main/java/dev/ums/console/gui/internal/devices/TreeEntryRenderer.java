package dev.ums.console.gui.internal.devices;

import dev.ums.console.gui.internal.PlainText;
import java.awt.Component;
import javax.swing.JTree;
import javax.swing.UIManager;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.DefaultTreeCellRenderer;

/**
 * Draws directories with folder icons and devices with their online state; their names never as HTML, and as one
 * {@link PlainText#line line}.
 */
final class TreeEntryRenderer extends DefaultTreeCellRenderer {
    private static final long serialVersionUID = 1L;

    TreeEntryRenderer() {
        PlainText.mark(this);
    }

    @Override
    public Component getTreeCellRendererComponent(JTree tree, Object value, boolean selected, boolean expanded,
                                                  boolean leaf, int row, boolean focused) {
        super.getTreeCellRendererComponent(tree, value, selected, expanded, leaf, row, focused);
        TreeEntry entry = (TreeEntry) ((DefaultMutableTreeNode) value).getUserObject();
        if (entry.kind() == TreeEntry.Kind.DEVICE) {
            boolean online = Boolean.TRUE.equals(entry.device().online());
            setIcon(UIManager.getIcon("FileView.computerIcon"));
            setText(PlainText.line(entry.name()) + (online ? "" : " (offline)"));
            if (!selected) {
                setForeground(UIManager.getColor(online ? "Tree.foreground" : "Console.offline.foreground"));
            }
        } else {
            setText(PlainText.line(entry.name()));
            setIcon(expanded ? getOpenIcon() : getClosedIcon());
        }
        return this;
    }
}
