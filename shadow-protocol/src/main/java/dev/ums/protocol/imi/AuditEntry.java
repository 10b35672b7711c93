package dev.ums.protocol.imi;

/**
 * One shadow attempt in the audit log ({@code GET /umsapi/v3/thinclients/{id}/shadowlog}); {@code client} is
 * {@code console} or {@code web app} (null in entries older than the web app); {@code recording} is the file name of
 * the session's recording ({@code GET /umsapi/v3/shadowsessions/{id}/recording}), null when it was not recorded.
 */
public record AuditEntry(long id, String deviceId, String deviceName, String mac, String ip, String admin,
                         String route, String start, String end, long bytesToDevice, long bytesFromDevice,
                         String outcome, String detail, String client, String recording) {
}
