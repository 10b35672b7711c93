-- Where a device's shadow settings came from: 'default' at enrollment, 'device' once the agent reported
-- its own, 'admin' once an administrator set them (then device reports no longer overwrite them).
ALTER TABLE device ADD COLUMN settings_source VARCHAR(16) DEFAULT 'default' NOT NULL;
