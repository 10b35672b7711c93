package dev.ums.console.gui.internal.log;

import dev.ums.console.gui.internal.RowTableModel;
import dev.ums.console.gui.internal.ServerTime;
import dev.ums.protocol.imi.AuditEntry;
import java.util.List;
import java.util.Locale;

/**
 * The rows of a device's shadow log: start, end, administrator, client (console or web app), route, outcome (in
 * words, {@link OutcomeWords}), bytes each way, whether the session was recorded, and detail. Event thread.
 */
public final class AuditTableModel extends RowTableModel<AuditEntry> {
    private static final long serialVersionUID = 1L;

    public AuditTableModel() {
        super("Start", "End", "Administrator", "Client", "Route", "Outcome", "To device", "From device", "Recorded",
                "Detail");
    }

    public void setEntries(List<AuditEntry> latest) {
        replaceRows(latest);
        fireTableDataChanged();
    }

    @Override
    protected Object value(AuditEntry e, int column) {
        return switch (column) {
            case 0 -> ServerTime.format(e.start());
            case 1 -> ServerTime.format(e.end());
            case 2 -> orDash(e.admin());
            case 3 -> orDash(e.client());
            case 4 -> orDash(e.route());
            case 5 -> orDash(OutcomeWords.of(e.outcome()));
            case 6 -> bytes(e.bytesToDevice());
            case 7 -> bytes(e.bytesFromDevice());
            case 8 -> e.recording() == null ? "–" : "yes";
            case 9 -> orDash(e.detail());
            default -> throw new IllegalArgumentException("no column " + column);
        };
    }

    private static String bytes(long n) {
        return n < 1024 ? n + " B" : String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
}
