-- Each shadow session's audit entry names the session and, for a session whose tunnels meet at a Cloud Gateway, that
-- gateway (its URL as every node is given it with --icg): the gateway reports the session's end to whichever node
-- links to it at the time, and that node closes the entry by these two (docs/SCALE-OUT.md, "Gateways in a cluster").
ALTER TABLE audit_entry ADD COLUMN session_id VARCHAR(64);
ALTER TABLE audit_entry ADD COLUMN gateway VARCHAR(2000);
CREATE INDEX audit_entry_session ON audit_entry (session_id);
