package dev.ums.console.gui.internal.devices;

import java.awt.Component;
import javax.swing.JTable;
import javax.swing.UIManager;
import javax.swing.table.DefaultTableCellRenderer;

/** Draws the online column as a coloured dot and a word, so the state reads without colour too. */
final class OnlineRenderer extends DefaultTableCellRenderer {
    private static final long serialVersionUID = 1L;

    @Override
    public Component getTableCellRendererComponent(JTable table, Object value, boolean selected, boolean focused,
                                                   int row, int column) {
        boolean online = Boolean.TRUE.equals(value);
        super.getTableCellRendererComponent(table, online ? "● online" : "○ offline", selected, focused, row, column);
        if (!selected) {
            setForeground(UIManager.getColor(online ? "Console.online.foreground" : "Console.offline.foreground"));
        }
        return this;
    }
}
