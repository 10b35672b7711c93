package dev.ums.server.internal.cluster;

/**
 * One message from one node to another through PostgreSQL's {@code NOTIFY}. Immutable. Its {@code body} is JSON:
 * <ul>
 * <li>{@link #TO_DEVICE}: a Unified Protocol message the node holding {@code deviceId} passes to the device;
 * <li>{@link #FROM_DEVICE}: the device's answer, handed back to the node that asked;
 * <li>{@link #SHADOW_REQUEST}: a {@link RemoteShadow.Request} for a device the receiving node holds through a
 *     gateway, which that node brokers itself;
 * <li>{@link #SHADOW_ANSWER}: the {@link RemoteShadow.Answer} to it;
 * <li>{@link #SHADOW_END}, to every node: the {@link RemoteShadow.End} of a session wherever its tunnels meet, and,
 *     with a {@code deviceId}, through that device's link where it is held (a tunnel prepared at its gateway);
 * <li>{@link #DEVICE_CLOSE}: the {@link DeviceClose} of the device's socket, which the node holding it closes (its
 *     credential was replaced on another node).
 * </ul>
 */
public record ClusterMessage(String kind, String from, long deviceId, String body) {
    public static final String DEVICE_CLOSE = "device-close";
    public static final String TO_DEVICE = "to-device";
    public static final String FROM_DEVICE = "from-device";
    public static final String SHADOW_REQUEST = "shadow-request";
    public static final String SHADOW_ANSWER = "shadow-answer";
    public static final String SHADOW_END = "shadow-end";

    /** Why the device's socket is closed, the sentence it is closed with. */
    public record DeviceClose(String reason) {
    }
}
