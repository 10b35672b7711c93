package dev.ums.protocol.imi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A device as IMI v3 describes it. {@code online} is present with the {@code online} facet,
 * {@code lastContact} and {@code isThinClientRegistered} with {@code details}, {@code shadowSecret}
 * with {@code shadow}. {@code osVersion}, {@code route}, {@code securePort} (details; the OS 11 secure VNC port
 * the device reported) and {@code offlineReason} (online, when the server knows more than "not connected", e.g.
 * the device's gateway is unreachable) are this project's additions. The fields IMI documents for every device
 * ({@code id} … {@code lastUser}) are always written, as JSON null when unknown, so clients written against
 * IMI find each key; the facets' fields appear only with their facet.
 */
public record ThinClient(
        @JsonInclude(JsonInclude.Include.ALWAYS) String id,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("unitID") String unitId,
        @JsonInclude(JsonInclude.Include.ALWAYS) String name,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("parentID") String parentId,
        boolean movedToBin,
        @JsonInclude(JsonInclude.Include.ALWAYS) String objectType,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<Object> links,
        @JsonInclude(JsonInclude.Include.ALWAYS) String mac,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("firmwareID") String firmwareId,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("lastIP") String lastIp,
        @JsonInclude(JsonInclude.Include.ALWAYS) String lastUser,
        Boolean online,
        String lastContact,
        Boolean isThinClientRegistered,
        String osVersion,
        String route,
        ShadowSecret shadowSecret,
        String offlineReason,
        Integer securePort) {
}
