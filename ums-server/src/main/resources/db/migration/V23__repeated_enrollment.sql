-- The digest of the enrollment token each device and each waiting re-enrollment came with, so that an enrollment
-- whose answer never reached the device can be repeated with the same token (docs/SECURITY.md, "Enrollment").
ALTER TABLE device ADD COLUMN enrolled_with VARCHAR(128);
ALTER TABLE pending_enrollment ADD COLUMN enrolled_with VARCHAR(128);
CREATE INDEX device_enrolled_with ON device (enrolled_with);
CREATE INDEX pending_enrollment_enrolled_with ON pending_enrollment (enrolled_with);
