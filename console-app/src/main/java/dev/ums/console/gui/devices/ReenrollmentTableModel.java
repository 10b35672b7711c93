package dev.ums.console.gui.devices;

import dev.ums.console.gui.RowTableModel;
import dev.ums.console.gui.ServerTime;
import dev.ums.protocol.imi.Reenrollment;
import java.util.List;

/**
 * The rows of the re-enrollments that wait for a decision: when, which device it claims to be (with whether
 * that device is online now), what the enrolling side calls itself, from where, and its certificate's pin.
 * Event thread only.
 */
final class ReenrollmentTableModel extends RowTableModel<Reenrollment> {
    private static final long serialVersionUID = 1L;

    ReenrollmentTableModel() {
        super("Requested", "Device", "Unit ID", "Device online", "Requested name", "From", "MAC", "OS",
                "Certificate (SHA-256)");
    }

    void setRows(List<Reenrollment> latest) {
        replaceRows(latest);
        fireTableDataChanged();
    }

    @Override
    protected Object value(Reenrollment r, int column) {
        return switch (column) {
            case 0 -> ServerTime.format(r.requestedAt());
            case 1 -> orDash(r.currentName()) + " (id " + r.deviceId() + ")";
            case 2 -> orDash(r.unitId());
            case 3 -> r.deviceOnline() ? "online" : "offline";
            case 4 -> orDash(r.requestedName());
            case 5 -> orDash(r.remoteIp());
            case 6 -> orDash(r.mac());
            case 7 -> orDash(r.osVersion());
            case 8 -> orDash(r.certificateFingerprint());
            default -> throw new IllegalArgumentException("no column " + column);
        };
    }
}
