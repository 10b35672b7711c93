package dev.ums.console.gui.internal;

import java.util.List;
import javax.swing.table.AbstractTableModel;

/**
 * A read-only table over a list of rows with fixed column names; a subclass says what each cell shows and
 * when the rows change. Event thread only.
 */
public abstract class RowTableModel<T> extends AbstractTableModel {
    private static final long serialVersionUID = 1L;

    private final String[] columns;
    private List<T> rows = List.of();

    protected RowTableModel(String... columns) {
        this.columns = columns.clone();
    }

    /** The row at {@code modelRow}. */
    public T row(int modelRow) {
        return rows.get(modelRow);
    }

    /** All rows, in model order. */
    public List<T> rows() {
        return rows;
    }

    /** Replaces the rows; the caller fires the change it made. */
    protected void replaceRows(List<T> latest) {
        rows = List.copyOf(latest);
    }

    /** What the cell of {@code row} in {@code column} shows. */
    protected abstract Object value(T row, int column);

    /** A missing or blank text as every table here shows it: a dash. */
    protected static String orDash(String value) {
        return value == null || value.isBlank() ? "–" : value;
    }

    @Override
    public int getRowCount() {
        return rows.size();
    }

    @Override
    public int getColumnCount() {
        return columns.length;
    }

    @Override
    public String getColumnName(int column) {
        return columns[column];
    }

    @Override
    public Object getValueAt(int row, int column) {
        return value(rows.get(row), column);
    }
}
