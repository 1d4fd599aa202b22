-- Runs unchanged on H2 (2.x) and PostgreSQL (13+).
-- Issue 11: per cluster, whether Warren takes unhealthy nodes out of its balancers, and
-- which nodes are out now (kept across restarts, re-applied to the balancers on start).
CREATE TABLE ejection_policy (
    cluster_id          BIGINT       NOT NULL PRIMARY KEY REFERENCES cluster (id) ON DELETE CASCADE,
    enabled             BOOLEAN      NOT NULL,
    eject_on            VARCHAR(64)  NOT NULL,
    min_healthy         INT          NOT NULL,
    hold_down_seconds   INT          NOT NULL,
    min_change_seconds  INT          NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_ejection_policy_min_healthy CHECK (min_healthy >= 1),
    CONSTRAINT ck_ejection_policy_hold_down CHECK (hold_down_seconds >= 0),
    CONSTRAINT ck_ejection_policy_min_change CHECK (min_change_seconds >= 0)
);

CREATE TABLE node_ejection (
    cluster_id   BIGINT        NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,
    server_id    BIGINT        NOT NULL REFERENCES server (id) ON DELETE CASCADE,
    ejected      BOOLEAN       NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    reason       VARCHAR(500)  NOT NULL,
    applied      BOOLEAN       NOT NULL,
    problem      VARCHAR(2000),
    PRIMARY KEY (cluster_id, server_id)
);
