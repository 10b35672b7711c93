-- Which client asked for the session: the console (or any REST client) or the web app.
ALTER TABLE audit_entry ADD COLUMN client VARCHAR(16);
