package dev.ums.console.gui.log;

import dev.ums.protocol.imi.AuditEntry;
import java.util.List;
import java.util.Locale;
import javax.swing.table.AbstractTableModel;

/** The rows of a device's shadow log: start, end, administrator, route, outcome, bytes each way and detail. */
public final class AuditTableModel extends AbstractTableModel {
    private static final long serialVersionUID = 1L;
    private static final String[] COLUMNS = {"Start", "End", "Administrator", "Route", "Outcome", "To device",
        "From device", "Detail"};

    private List<AuditEntry> entries = List.of();

    public void setEntries(List<AuditEntry> latest) {
        entries = List.copyOf(latest);
        fireTableDataChanged();
    }

    @Override
    public int getRowCount() {
        return entries.size();
    }

    @Override
    public int getColumnCount() {
        return COLUMNS.length;
    }

    @Override
    public String getColumnName(int column) {
        return COLUMNS[column];
    }

    @Override
    public Object getValueAt(int row, int column) {
        AuditEntry e = entries.get(row);
        return switch (column) {
            case 0 -> dash(e.start());
            case 1 -> dash(e.end());
            case 2 -> dash(e.admin());
            case 3 -> dash(e.route());
            case 4 -> dash(e.outcome());
            case 5 -> bytes(e.bytesToDevice());
            case 6 -> bytes(e.bytesFromDevice());
            case 7 -> dash(e.detail());
            default -> throw new IllegalArgumentException("no column " + column);
        };
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "–" : s;
    }

    private static String bytes(long n) {
        return n < 1024 ? n + " B" : String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
}
