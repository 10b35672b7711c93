package dev.ums.console.core;

/** The steps of opening a shadow session, in order, as a screen shows them while the user waits. */
public enum ShadowStep {
    /** Logging in to the server. */
    LOGGING_IN("logging in"),
    /** Looking the device up by id or name. */
    FINDING_DEVICE("finding the device"),
    /** The server is asking the device; its user may be asked to allow the session. */
    ASKING_SERVER("asking the server to start the session"),
    /** The device accepted and opened its side of the tunnel. */
    DEVICE_ACCEPTED("the device accepted"),
    /** The console's side of the tunnel is open: VNC bytes can flow. */
    TUNNEL_OPEN("tunnel open");

    private final String text;

    ShadowStep(String text) {
        this.text = text;
    }

    /** A short lower-case phrase for a status line. */
    public String text() {
        return text;
    }
}
