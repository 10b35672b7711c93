-- Session recording (docs/RECORDING.md): the file a session's recording went to (null: not recorded), and
-- the directories whose devices' sessions are always recorded (their subdirectories included).
ALTER TABLE audit_entry ADD COLUMN recording VARCHAR(100);
ALTER TABLE tc_directory ADD COLUMN record_sessions BOOLEAN DEFAULT FALSE NOT NULL;
