package dev.ums.server.internal.rest;

import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.up.UpPaths;
import dev.ums.server.internal.device.Enroller;
import dev.ums.server.internal.device.EnrollmentTokenStore;
import dev.ums.server.internal.input.InputLimits;

/** Device enrollment (with an enrollment token) and the admin calls that manage enrollment tokens. */
public final class EnrollmentRoutes {
    private final EnrollmentTokenStore tokens;
    private final Enroller enroller;

    public EnrollmentRoutes(EnrollmentTokenStore tokens, Enroller enroller) {
        this.tokens = tokens;
        this.enroller = enroller;
    }

    private static String token(Exchange ex) {
        String auth = ex.header("Authorization");
        return auth != null && auth.startsWith(UpPaths.BEARER) ? auth.substring(UpPaths.BEARER.length()).trim() : null;
    }

    public void register(Router router) {
        // the token is checked before a byte of the body is read: without one, nobody can make the server wait
        router.gated("POST", UpPaths.ENROLL, ex -> {
            if (!tokens.isValid(token(ex))) {
                throw new ApiException(401, "the enrollment token is missing, unknown or revoked");
            }
        }, (ex, m) -> {
            EnrollmentRequest request = ex.body(EnrollmentRequest.class);
            InputLimits.check(request);
            ex.ok(enroller.enroll(token(ex), request, ex.remoteAddress()));
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
