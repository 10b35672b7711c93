-- What an enrollment whose answer never reached the device is repeated with (docs/SECURITY.md, "Identity and
-- enrollment"): the digests of the enrollment token each device and each waiting re-enrollment came with, and of the
-- enrolling device's own enrollment key.
ALTER TABLE device ADD COLUMN enrolled_with VARCHAR(128);
ALTER TABLE device ADD COLUMN enrollment_key VARCHAR(128);
ALTER TABLE pending_enrollment ADD COLUMN enrolled_with VARCHAR(128);
ALTER TABLE pending_enrollment ADD COLUMN enrollment_key VARCHAR(128);
CREATE INDEX device_enrolled_with ON device (enrolled_with);
CREATE INDEX pending_enrollment_enrolled_with ON pending_enrollment (enrolled_with);
