package dev.ums.server.internal.rest;

import dev.ums.server.internal.device.EnrollmentOutcome;

/**
 * The HTTP status of each enrollment outcome, for the device's own call and for the gateway, which passes
 * it on: 200 enrolled, 202 enrolled again and waiting for an administrator, 4xx refused.
 */
public final class EnrollmentAnswers {
    private EnrollmentAnswers() {
    }

    public static int status(EnrollmentOutcome outcome) {
        if (outcome instanceof EnrollmentOutcome.Enrolled) {
            return 200;
        }
        if (outcome instanceof EnrollmentOutcome.AwaitingApproval) {
            return 202;
        }
        return switch (((EnrollmentOutcome.Refused) outcome).refusal()) {
            case BAD_TOKEN -> 401;
            case INCOMPLETE -> 400;
            case TOO_MANY_PENDING -> 429;
        };
    }
}
