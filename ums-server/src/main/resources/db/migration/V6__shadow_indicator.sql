-- The indicator the person at the device sees while shadowed: whether it offers Disconnect, and where it sits.
ALTER TABLE device ADD COLUMN allow_user_disconnect BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE device ADD COLUMN indicator_position VARCHAR(16) DEFAULT 'TOP_RIGHT' NOT NULL;
