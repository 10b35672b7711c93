package dev.ums.console.gui.internal;

import java.awt.Component;
import javax.swing.JComponent;
import javax.swing.JTable;
import javax.swing.table.TableCellRenderer;
import javax.swing.table.TableModel;

/**
 * A table of what a server sent: every renderer it paints a cell with is {@link PlainText#mark marked}, so that no
 * cell's text is taken for HTML, whichever renderer the column has. Event thread only.
 */
public class PlainTextTable extends JTable {
    private static final long serialVersionUID = 1L;

    public PlainTextTable(TableModel model) {
        super(model);
    }

    @Override
    public Component prepareRenderer(TableCellRenderer renderer, int row, int column) {
        if (renderer instanceof JComponent component) {
            PlainText.mark(component);
        }
        return super.prepareRenderer(renderer, row, column);
    }
}
