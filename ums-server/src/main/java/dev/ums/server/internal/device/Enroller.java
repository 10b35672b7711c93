package dev.ums.server.internal.device;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.tunnel.RandomTokens;
import dev.ums.server.internal.rest.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Enrolls a device that shows a valid enrollment token, directly or through a gateway; hands out its credential. */
public final class Enroller {
    private static final Logger LOG = LoggerFactory.getLogger(Enroller.class);
    private final EnrollmentTokenStore tokens;
    private final DeviceStore devices;

    public Enroller(EnrollmentTokenStore tokens, DeviceStore devices) {
        this.tokens = tokens;
        this.devices = devices;
    }

    public Enrollment enroll(String token, EnrollmentRequest request, String remoteIp) {
        if (!tokens.isValid(token)) {
            throw new ApiException(401, "the enrollment token is missing, unknown or revoked");
        }
        if (request == null || request.unitId() == null || request.unitId().isBlank()
                || request.name() == null || request.name().isBlank()) {
            throw new ApiException(400, "enrollment needs the device's name and unit id");
        }
        String credential = RandomTokens.newToken();
        long id = devices.enroll(request.unitId(), request.name(), request.mac(), request.osVersion(),
                request.certificate(), credential, ShadowSettings.DEFAULTS);
        LOG.info("device {} enrolled as {} from {}", request.name(), id, remoteIp);
        return new Enrollment(String.valueOf(id), credential);
    }
}
