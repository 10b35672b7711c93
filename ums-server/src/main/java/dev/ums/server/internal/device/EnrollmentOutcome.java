package dev.ums.server.internal.device;

import dev.ums.protocol.imi.Enrollment;

/** How an enrollment attempt ended; the REST layer and the gateway link turn it into a status and a sentence. */
public sealed interface EnrollmentOutcome {
    /** A new device, enrolled and usable now. */
    record Enrolled(Enrollment enrollment) implements EnrollmentOutcome {
    }

    /**
     * A known unit id enrolled again: the credential works once an administrator approved re-enrollment
     * {@code pendingId}; the device enrolled before keeps its own until then.
     */
    record AwaitingApproval(Enrollment enrollment, long pendingId) implements EnrollmentOutcome {
    }

    /** Nothing was stored and no token use was spent. */
    record Refused(Refusal refusal) implements EnrollmentOutcome {
    }

    /** Why an enrollment was refused. */
    enum Refusal {
        BAD_TOKEN("the enrollment token is missing, unknown, used up, expired or revoked"),
        INCOMPLETE("enrollment needs the device's name and unit id"),
        TOO_MANY_PENDING("this unit id already has too many re-enrollments waiting for an administrator");

        private final String sentence;

        Refusal(String sentence) {
            this.sentence = sentence;
        }

        public String sentence() {
            return sentence;
        }
    }
}
