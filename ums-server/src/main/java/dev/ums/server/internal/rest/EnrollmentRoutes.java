package dev.ums.server.internal.rest;

import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.up.UpPaths;
import dev.ums.server.internal.device.Enroller;
import dev.ums.server.internal.device.EnrollmentTokenStore;

/** Device enrollment (with an enrollment token) and the admin calls that manage enrollment tokens. */
public final class EnrollmentRoutes {
    private final EnrollmentTokenStore tokens;
    private final Enroller enroller;

    public EnrollmentRoutes(EnrollmentTokenStore tokens, Enroller enroller) {
        this.tokens = tokens;
        this.enroller = enroller;
    }

    public void register(Router router) {
        router.open("POST", UpPaths.ENROLL, (ex, m) -> {
            String auth = ex.header("Authorization");
            String token = auth != null && auth.startsWith(UpPaths.BEARER)
                    ? auth.substring(UpPaths.BEARER.length()).trim() : null;
            ex.ok(enroller.enroll(token, ex.body(EnrollmentRequest.class), ex.remoteAddress()));
        });
        router.secured("GET", "/umsapi/v3/enrollmenttokens", (ex, m) -> ex.ok(tokens.list()));
        router.secured("POST", "/umsapi/v3/enrollmenttokens", (ex, m) -> ex.json(201, tokens.create(ex.user())));
        router.secured("DELETE", "/umsapi/v3/enrollmenttokens/(\\d+)", (ex, m) -> {
            if (!tokens.revoke(Long.parseLong(m.group(1)))) {
                throw new ApiException(404, "no enrollment token with id " + m.group(1));
            }
            ex.ok(new Message("enrollment token " + m.group(1) + " revoked"));
        });
    }
}
