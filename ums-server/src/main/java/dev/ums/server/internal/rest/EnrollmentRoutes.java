package dev.ums.server.internal.rest;

import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.up.UpPaths;
import dev.ums.server.internal.audit.AdminActions;
import dev.ums.server.internal.device.Enroller;
import dev.ums.server.internal.device.EnrollmentOutcome;
import dev.ums.server.internal.device.EnrollmentTokenStore;
import dev.ums.server.internal.gateway.EnrollmentAnswers;
import dev.ums.server.internal.input.InputLimits;
import java.time.Duration;

/**
 * Device enrollment (with an enrollment token) and the admin calls that manage enrollment tokens (each creation and
 * revocation logged with who made it).
 */
public record EnrollmentRoutes(EnrollmentTokenStore tokens, Enroller enroller, AdminActions actions) {
    private static final int MAX_VALID_HOURS = (int) EnrollmentTokenStore.MAX_VALIDITY.toHours();

    /** The optional body of {@code POST /enrollmenttokens}: how many enrollments, valid how many hours. */
    record TokenRequest(Integer maxUses, Integer validHours) {
    }

    private static String token(Exchange ex) {
        String auth = ex.header("Authorization");
        return auth != null && auth.startsWith(UpPaths.BEARER) ? auth.substring(UpPaths.BEARER.length()).trim() : null;
    }

    public void register(Router router) {
        // the token is checked (not used up) before a byte of the body is read: without one, nobody can make
        // the server wait
        router.gated("POST", UpPaths.ENROLL, ex -> {
            if (!enroller.acceptsToken(token(ex))) {
                throw new ApiException(401, EnrollmentOutcome.Refusal.BAD_TOKEN.sentence());
            }
        }, (ex, m) -> {
            EnrollmentRequest request = ex.body(EnrollmentRequest.class);
            InputLimits.check(request);
            EnrollmentOutcome outcome = enroller.enroll(token(ex), request, ex.remoteAddress());
            if (outcome instanceof EnrollmentOutcome.Enrolled e) {
                ex.ok(e.enrollment());
            } else if (outcome instanceof EnrollmentOutcome.AwaitingApproval a) {
                ex.json(202, a.enrollment());
            } else {
                throw new ApiException(EnrollmentAnswers.status(outcome),
                        ((EnrollmentOutcome.Refused) outcome).refusal().sentence());
            }
        });
        router.secured("GET", "/umsapi/v3/enrollmenttokens", (ex, m) -> ex.ok(tokens.list()));
        router.secured("POST", "/umsapi/v3/enrollmenttokens", (ex, m) -> {
            String text = ex.bodyText();
            TokenRequest asked = text.isBlank() ? null : dev.ums.protocol.json.WireJson.read(text, TokenRequest.class);
            int uses = asked == null || asked.maxUses() == null ? 1 : asked.maxUses();
            if (uses < 1 || uses > EnrollmentTokenStore.MAX_USES) {
                throw new ApiException(400, "maxUses must be between 1 and " + EnrollmentTokenStore.MAX_USES);
            }
            Duration validity = asked == null || asked.validHours() == null ? EnrollmentTokenStore.DEFAULT_VALIDITY
                    : Duration.ofHours(asked.validHours());
            if (validity.isNegative() || validity.isZero() || validity.toHours() > MAX_VALID_HOURS) {
                throw new ApiException(400, "validHours must be between 1 and " + MAX_VALID_HOURS);
            }
            EnrollmentTokenStore.TokenInfo created = tokens.create(ex.user(), uses, validity);
            actions.enrollmentTokenCreated(ex.user(), created.id(), created.maxUses(), created.expiresAt());
            ex.json(201, created);
        });
        router.secured("DELETE", "/umsapi/v3/enrollmenttokens/(\\d+)", (ex, m) -> {
            long id = Long.parseLong(m.group(1));
            if (!tokens.revoke(id)) {
                throw new ApiException(404, "no enrollment token with id " + m.group(1));
            }
            actions.enrollmentTokenRevoked(ex.user(), id);
            ex.ok(new Message("enrollment token " + m.group(1) + " revoked"));
        });
    }
}
