package dev.ums.protocol.imi;

/** The device-side shadow settings the server sends with every shadow request and the agent enforces. */
public record ShadowSettings(boolean allowShadowing, boolean promptUser, boolean allowInput) {
    public static final ShadowSettings DEFAULTS = new ShadowSettings(true, true, true);

    /** The stricter of two settings: a device's own restrictions cannot be loosened remotely. */
    public ShadowSettings strictest(ShadowSettings other) {
        return new ShadowSettings(allowShadowing && other.allowShadowing,
                promptUser || other.promptUser, allowInput && other.allowInput);
    }
}
