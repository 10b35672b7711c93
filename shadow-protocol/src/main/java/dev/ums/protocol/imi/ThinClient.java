package dev.ums.protocol.imi;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A device as IMI v3 describes it. {@code online} is present with the {@code online} facet,
 * {@code lastContact} and {@code isThinClientRegistered} with {@code details}, {@code shadowSecret}
 * with {@code shadow}. {@code osVersion}, {@code route}, {@code securePort} (details; the OS 11 secure VNC port
 * the device reported) and {@code offlineReason} (online, when the server knows more than "not connected", e.g.
 * the device's gateway is unreachable) are this project's additions.
 */
public record ThinClient(
        String id,
        @JsonProperty("unitID") String unitId,
        String name,
        @JsonProperty("parentID") String parentId,
        boolean movedToBin,
        String objectType,
        List<Object> links,
        String mac,
        @JsonProperty("firmwareID") String firmwareId,
        @JsonProperty("lastIP") String lastIp,
        String lastUser,
        Boolean online,
        String lastContact,
        Boolean isThinClientRegistered,
        String osVersion,
        String route,
        ShadowSecret shadowSecret,
        String offlineReason,
        Integer securePort) {
}
