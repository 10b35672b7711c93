package dev.ums.protocol.imi;

/** Where on the device's screen the agent shows the indicator of a running shadow session. */
public enum IndicatorPosition {
    TOP_LEFT, TOP_CENTER, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_CENTER, BOTTOM_RIGHT;

    /** The default, as on the vendor's devices: out of the way of most windows' title bars and menus. */
    public static final IndicatorPosition DEFAULT = TOP_RIGHT;

    public boolean top() {
        return this == TOP_LEFT || this == TOP_CENTER || this == TOP_RIGHT;
    }
}
