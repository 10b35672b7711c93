package dev.ums.server.internal.rest;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.tunnel.RandomTokens;
import dev.ums.protocol.up.UpPaths;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.device.EnrollmentTokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Device enrollment (with an enrollment token) and the admin calls that manage enrollment tokens. */
public final class EnrollmentRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(EnrollmentRoutes.class);
    private final EnrollmentTokenStore tokens;
    private final DeviceStore devices;

    public EnrollmentRoutes(EnrollmentTokenStore tokens, DeviceStore devices) {
        this.tokens = tokens;
        this.devices = devices;
    }

    public void register(Router router) {
        router.open("POST", UpPaths.ENROLL, (ex, m) -> enroll(ex));
        router.secured("GET", "/umsapi/v3/enrollmenttokens", (ex, m) -> ex.ok(tokens.list()));
        router.secured("POST", "/umsapi/v3/enrollmenttokens", (ex, m) -> ex.json(201, tokens.create(ex.user())));
        router.secured("DELETE", "/umsapi/v3/enrollmenttokens/(\\d+)", (ex, m) -> {
            if (!tokens.revoke(Long.parseLong(m.group(1)))) {
                throw new ApiException(404, "no enrollment token with id " + m.group(1));
            }
            ex.ok(new Message("enrollment token " + m.group(1) + " revoked"));
        });
    }

    private void enroll(Exchange ex) {
        String auth = ex.header("Authorization");
        String token = auth != null && auth.startsWith(UpPaths.BEARER) ? auth.substring(UpPaths.BEARER.length()).trim() : null;
        if (!tokens.isValid(token)) {
            throw new ApiException(401, "the enrollment token is missing, unknown or revoked");
        }
        EnrollmentRequest request = ex.body(EnrollmentRequest.class);
        if (request.unitId() == null || request.unitId().isBlank() || request.name() == null || request.name().isBlank()) {
            throw new ApiException(400, "enrollment needs the device's name and unit id");
        }
        String credential = RandomTokens.newToken();
        long id = devices.enroll(request.unitId(), request.name(), request.mac(), request.osVersion(),
                request.certificate(), credential, ShadowSettings.DEFAULTS);
        LOG.info("device {} enrolled as {} from {}", request.name(), id, ex.remoteAddress());
        ex.ok(new Enrollment(String.valueOf(id), credential));
    }
}
