-- OS 11 one-time session passwords of a cluster (docs/SCALE-OUT.md), keyed by the SHA-256 of the password, so a
-- device held by one node can check a password issued on another. A single-node server keeps them in memory.
CREATE TABLE session_password (
    password_hash   VARCHAR(64)   PRIMARY KEY,
    device_id       BIGINT        NOT NULL,
    admin           VARCHAR(100)  NOT NULL,
    audit_id        BIGINT        NOT NULL,
    expires_at      BIGINT        NOT NULL
);
