-- Several server nodes on one database (docs/SCALE-OUT.md). Single-node servers use the same tables.

-- Which node wrote an audit entry, so that a surviving node closes only the entries of a node that died.
ALTER TABLE audit_entry ADD COLUMN node_id VARCHAR(64);

-- The cluster's TLS identity, created once by the first node: a PKCS#12 key store (base64) encrypted with a
-- key derived from the cluster secret every node is given (UMS_CLUSTER_SECRET); salt for that derivation.
CREATE TABLE cluster_identity (
    id              INTEGER       PRIMARY KEY,
    key_store       VARCHAR(20000) NOT NULL,
    salt            VARCHAR(64)   NOT NULL,
    fingerprint     VARCHAR(128)  NOT NULL,
    created_at      BIGINT        NOT NULL
);

-- Live nodes: each writes its heartbeat (database time, epoch ms) every two seconds.
CREATE TABLE cluster_node (
    node_id         VARCHAR(64)   PRIMARY KEY,
    advertise_url   VARCHAR(500)  NOT NULL,
    started_at      BIGINT        NOT NULL,
    heartbeat_at    BIGINT        NOT NULL
);

-- Which node holds each online device's UP connection.
CREATE TABLE device_presence (
    device_id       BIGINT        PRIMARY KEY,
    node_id         VARCHAR(64)   NOT NULL,
    route           VARCHAR(16)   NOT NULL,
    since           BIGINT        NOT NULL
);

CREATE INDEX device_presence_node ON device_presence (node_id);

-- Logins (the REST API's JSESSIONID, the web app's cookie), keyed by the SHA-256 of the cookie value.
CREATE TABLE web_session (
    id_hash         VARCHAR(64)   PRIMARY KEY,
    user_name       VARCHAR(100)  NOT NULL,
    request_token   VARCHAR(100)  NOT NULL,
    last_use        BIGINT        NOT NULL
);

CREATE TABLE web_session_shadow (
    id_hash         VARCHAR(64)   NOT NULL,
    shadow_id       VARCHAR(64)   NOT NULL,
    PRIMARY KEY (id_hash, shadow_id)
);

-- Login throttling: failures per address, per user and per (user, address), and trusted (user, address) pairs.
CREATE TABLE login_failure (
    kind            VARCHAR(8)    NOT NULL,
    key_value       VARCHAR(400)  NOT NULL,
    failures        INTEGER       NOT NULL,
    blocked_until   BIGINT        NOT NULL,
    last_seen       BIGINT        NOT NULL,
    PRIMARY KEY (kind, key_value)
);

CREATE TABLE login_trust (
    pair            VARCHAR(400)  PRIMARY KEY,
    trusted_at      BIGINT        NOT NULL
);
