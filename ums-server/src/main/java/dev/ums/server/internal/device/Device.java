package dev.ums.server.internal.device;

import dev.ums.protocol.imi.ShadowSettings;

/** A device as the server stores it. */
public record Device(long id, String unitId, String name, String mac, String osVersion, String certificatePem,
                     Long directoryId, String lastIp, Long lastContact, String route, ShadowSettings settings,
                     Integer securePort) {
}
