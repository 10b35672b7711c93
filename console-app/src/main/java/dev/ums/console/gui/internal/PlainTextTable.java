package dev.ums.console.gui.internal;

import java.awt.Component;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JTable;
import javax.swing.table.TableCellRenderer;
import javax.swing.table.TableModel;

/**
 * A table of what a server sent: every renderer it paints a cell with is {@link PlainText#mark marked}, so that no
 * cell's text is taken for HTML, whichever renderer the column has, and a cell's text is shown as one
 * {@link PlainText#line line}, its control and invisible format characters visible. Event thread only.
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
        Component cell = super.prepareRenderer(renderer, row, column);
        if (cell instanceof JLabel label && label.getText() != null) {
            label.setText(PlainText.line(label.getText()));
        }
        return cell;
    }
}
