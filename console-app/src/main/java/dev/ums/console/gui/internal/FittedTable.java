package dev.ums.console.gui.internal;

import java.awt.Component;
import java.awt.Rectangle;
import java.awt.Window;
import java.awt.event.MouseEvent;
import javax.swing.JScrollPane;
import javax.swing.table.TableModel;
import javax.swing.table.TableCellRenderer;
import javax.swing.table.TableColumn;

/**
 * A table of facts (the shadow log, the pending re-enrollments): each column as wide as its widest cell or header
 * (the last takes what is left), the window grown to show them, and every cell's full text in its tooltip, so a
 * long text is readable even where the window is narrow. Event thread only.
 */
public final class FittedTable extends PlainTextTable {
    private static final long serialVersionUID = 1L;
    /** No column but the last grows past this, so one very long cell cannot push the rest out of sight. */
    private static final int MAX_COLUMN = 320;
    private static final int PADDING = 14;

    public FittedTable(TableModel model, String name) {
        super(model);
        setName(name);
        setAutoCreateRowSorter(true);
        setFillsViewportHeight(true);
        setAutoResizeMode(AUTO_RESIZE_LAST_COLUMN);
        fitColumns();
    }

    /** Sizes every column to its content and grows {@code window} (up to the screen's width) to show them. */
    public void fitTo(Window window, JScrollPane scroll) {
        fitColumns();
        int wanted = contentWidth() + scroll.getVerticalScrollBar().getPreferredSize().width + 4;
        int shown = scroll.getViewport().getWidth();
        if (wanted > shown) {
            Rectangle screen = window.getGraphicsConfiguration().getBounds();
            window.setSize(Math.min(screen.width - 40, window.getWidth() + wanted - shown), window.getHeight());
            window.setLocationRelativeTo(window.getOwner());
        }
    }

    private void fitColumns() {
        int last = getColumnCount() - 1;
        for (int c = 0; c <= last; c++) {
            TableColumn column = getColumnModel().getColumn(c);
            int width = headerWidth(column);
            for (int r = 0; r < getRowCount(); r++) {
                TableCellRenderer renderer = getCellRenderer(r, c);
                Component cell = prepareRenderer(renderer, r, c);
                width = Math.max(width, cell.getPreferredSize().width + PADDING);
            }
            int chosen = c == last ? width : Math.min(width, MAX_COLUMN);
            column.setPreferredWidth(chosen);
            if (c < last) {
                column.setMinWidth(Math.min(chosen, headerWidth(column)));
            }
        }
    }

    /** The sum of the columns' preferred widths: how wide the table wants to be. */
    private int contentWidth() {
        int sum = 0;
        for (int c = 0; c < getColumnCount(); c++) {
            sum += getColumnModel().getColumn(c).getPreferredWidth();
        }
        return sum;
    }

    private int headerWidth(TableColumn column) {
        TableCellRenderer renderer = column.getHeaderRenderer() != null ? column.getHeaderRenderer()
                : getTableHeader().getDefaultRenderer();
        Component header = renderer.getTableCellRendererComponent(this, column.getHeaderValue(), false, false, -1,
                column.getModelIndex());
        return header.getPreferredSize().width + PADDING;
    }

    @Override
    public String getToolTipText(MouseEvent event) {
        int row = rowAtPoint(event.getPoint());
        int column = columnAtPoint(event.getPoint());
        if (row < 0 || column < 0) {
            return null;
        }
        Object value = getValueAt(row, column);
        return value == null ? null : getColumnName(column) + ": " + value;
    }
}
