package dev.ums.console.gui.internal.session;

import dev.ums.console.core.ShadowStep;

/** The steps a session tab shows while it connects, in order; the last one depends on the viewer. */
public enum ConnectStage {
    ASKING_SERVER("Asking the server"),
    DEVICE_ACCEPTED("Device accepted"),
    TUNNEL_OPEN("Tunnel open"),
    FIRST_FRAME("First frame"),
    VIEWER_CONNECTED("External viewer connected");

    private final String label;

    ConnectStage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The stage a core step completes, or null for steps the tab does not show (it is logged in already). */
    static ConnectStage after(ShadowStep step) {
        return switch (step) {
            case ASKING_SERVER -> ASKING_SERVER;
            case DEVICE_ACCEPTED -> DEVICE_ACCEPTED;
            case TUNNEL_OPEN -> TUNNEL_OPEN;
            default -> null;
        };
    }
}
