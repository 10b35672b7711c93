package dev.ums.protocol.imi;

/**
 * The device-side shadow settings the server sends with every shadow request and the agent enforces.
 * {@code allowUserDisconnect} puts a Disconnect button on the indicator the person at the device sees while the
 * device is shadowed; {@code indicatorPosition} places that indicator. Both may be absent from JSON written
 * before they existed and then take their defaults (on, {@link IndicatorPosition#DEFAULT}).
 */
public record ShadowSettings(boolean allowShadowing, boolean promptUser, boolean allowInput, Boolean allowUserDisconnect,
                             IndicatorPosition indicatorPosition) {
    public static final ShadowSettings DEFAULTS = new ShadowSettings(true, true, true);

    public ShadowSettings {
        allowUserDisconnect = allowUserDisconnect == null || allowUserDisconnect;
        indicatorPosition = indicatorPosition == null ? IndicatorPosition.DEFAULT : indicatorPosition;
    }

    /** Settings with the indicator's defaults: Disconnect allowed, top right. */
    public ShadowSettings(boolean allowShadowing, boolean promptUser, boolean allowInput) {
        this(allowShadowing, promptUser, allowInput, true, IndicatorPosition.DEFAULT);
    }

    /**
     * The stricter of two settings: a device's own restrictions cannot be loosened remotely. The indicator's
     * settings are this side's (the server's): a device has no local setting for them.
     */
    public ShadowSettings strictest(ShadowSettings other) {
        return new ShadowSettings(allowShadowing && other.allowShadowing,
                promptUser || other.promptUser, allowInput && other.allowInput, allowUserDisconnect, indicatorPosition);
    }
}
