package dev.ums.protocol.up;

/** How a device answered a shadow request; each maps to one sentence the console shows. */
public enum ShadowOutcome {
    ACCEPTED("the device accepted the session"),
    DECLINED("the user at the device declined the session"),
    NOT_ALLOWED("shadowing is not allowed on this device"),
    NO_VNC_SERVER("the device's VNC server is not running"),
    TUNNEL_FAILED("the device could not open its tunnel to the server"),
    ERROR("the device reported an error");

    private final String sentence;

    ShadowOutcome(String sentence) {
        this.sentence = sentence;
    }

    public String sentence() {
        return sentence;
    }
}
