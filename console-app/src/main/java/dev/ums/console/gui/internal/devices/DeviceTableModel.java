package dev.ums.console.gui.internal.devices;

import dev.ums.console.gui.internal.ServerTime;
import dev.ums.console.gui.internal.RowTableModel;
import dev.ums.protocol.imi.ThinClient;
import java.util.List;
import java.util.Objects;

/**
 * The device table's rows: name, unit ID/MAC, IP, OS version, online state, route and last contact of each
 * device outside the recycle bin. Replacing the list with the same devices (a poll) only updates cells, so
 * the user's selection and scroll position stay. Event thread only.
 */
public final class DeviceTableModel extends RowTableModel<ThinClient> {
    private static final long serialVersionUID = 1L;
    public static final int NAME = 0;
    public static final int UNIT = 1;
    public static final int IP = 2;
    public static final int OS = 3;
    public static final int ONLINE = 4;
    public static final int ROUTE = 5;
    public static final int LAST_CONTACT = 6;

    public DeviceTableModel() {
        super("Name", "Unit ID / MAC", "IP address", "OS", "State", "Route", "Last contact");
    }

    /** Shows {@code latest}; returns true when the set or order of devices changed (not just their state). */
    public boolean setDevices(List<ThinClient> latest) {
        List<ThinClient> visible = latest.stream().filter(d -> !d.movedToBin()).toList();
        List<ThinClient> shown = rows();
        boolean sameRows = visible.size() == shown.size();
        for (int i = 0; sameRows && i < visible.size(); i++) {
            sameRows = Objects.equals(visible.get(i).id(), shown.get(i).id());
        }
        replaceRows(visible);
        if (sameRows && !visible.isEmpty()) {
            fireTableRowsUpdated(0, visible.size() - 1);
        } else if (!sameRows) {
            fireTableDataChanged();
        }
        return !sameRows;
    }

    /** The model row of the device with {@code id}, or -1. */
    public int rowOf(String id) {
        List<ThinClient> shown = rows();
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Class<?> getColumnClass(int column) {
        return column == ONLINE ? Boolean.class : String.class;
    }

    @Override
    protected Object value(ThinClient d, int column) {
        return switch (column) {
            case NAME -> d.name();
            case UNIT -> unit(d);
            case IP -> orDash(d.lastIp());
            case OS -> orDash(d.osVersion());
            case ONLINE -> Boolean.TRUE.equals(d.online());
            case ROUTE -> route(d.route());
            case LAST_CONTACT -> ServerTime.format(d.lastContact());
            default -> throw new IllegalArgumentException("no column " + column);
        };
    }

    private static String unit(ThinClient d) {
        if (d.unitId() != null && d.mac() != null && !d.unitId().equalsIgnoreCase(d.mac())) {
            return d.unitId() + " / " + d.mac();
        }
        return orDash(d.unitId() != null ? d.unitId() : d.mac());
    }

    static String route(String route) {
        if (route == null) {
            return "–";
        }
        return switch (route) {
            case "direct" -> "Direct";
            case "icg" -> "ICG";
            default -> route;
        };
    }
}
