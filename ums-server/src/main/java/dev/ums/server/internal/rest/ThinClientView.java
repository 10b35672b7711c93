package dev.ums.server.internal.rest;

import dev.ums.protocol.imi.ShadowSecret;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.server.internal.device.Device;
import java.time.Instant;
import java.util.List;

/** Maps a stored device to IMI's {@code ThinClient}, with the fields of the requested facets only. */
final class ThinClientView {
    private ThinClientView() {
    }

    static ThinClient of(Device d, boolean online, String offlineReason, List<String> facets, ShadowSecret secret) {
        boolean details = facets.contains("details");
        String parent = d.directoryId() == null ? "-1" : String.valueOf(d.directoryId());
        return new ThinClient(String.valueOf(d.id()), d.unitId(), d.name(), parent, false, "tc", List.of(), d.mac(),
                null, d.lastIp(), null,
                facets.contains("online") ? online : null,
                details && d.lastContact() != null ? Instant.ofEpochMilli(d.lastContact()).toString() : null,
                details ? Boolean.TRUE : null,
                details ? d.osVersion() : null,
                details ? d.route() : null,
                secret,
                facets.contains("online") && !online ? offlineReason : null,
                details ? d.securePort() : null);
    }
}
