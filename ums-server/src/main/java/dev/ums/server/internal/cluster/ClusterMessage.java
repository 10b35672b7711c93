package dev.ums.server.internal.cluster;

/**
 * One message from one node to another through PostgreSQL's {@code NOTIFY}: {@code kind} {@link #TO_DEVICE}
 * asks the node holding {@code deviceId} to pass {@code up} (a Unified Protocol message, JSON) to the device;
 * {@link #FROM_DEVICE} hands the device's answer back to the node that asked. Immutable.
 */
public record ClusterMessage(String kind, String from, long deviceId, String up) {
    public static final String TO_DEVICE = "to-device";
    public static final String FROM_DEVICE = "from-device";
}
