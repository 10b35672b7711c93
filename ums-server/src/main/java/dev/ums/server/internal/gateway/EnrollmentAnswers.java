package dev.ums.server.internal.gateway;

import dev.ums.server.internal.device.EnrollmentOutcome;

/**
 * The HTTP status of each enrollment outcome: the gateway link carries it back for an enrollment the gateway
 * forwarded, and the REST edge answers a device's own call with the same one. 200 enrolled, 202 enrolled again
 * and waiting for an administrator, 4xx refused. Any thread.
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
