package dev.ums.protocol.imi;

/** Answer of {@code GET /umsapi/v3/serverstatus}, readable without login. */
public record ServerStatus(String rmGuiServerVersion, String buildNumber, String activeMQVersion,
                           String derbyVersion, String serverUUID, String server) {
}
