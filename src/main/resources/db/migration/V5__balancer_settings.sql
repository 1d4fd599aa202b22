-- Runs unchanged on H2 (2.x) and PostgreSQL (13+).

-- How a balancer balances, times out and detects failures. Every column has the default
-- that Warren offers, so balancers defined before this migration keep rendering as they
-- did: round robin, connect 5 s, idle 120 s, NGINX max_fails=1 fail_timeout=10s, HAProxy
-- check inter 1s fall 2 rise 1, AMQP only, no PROXY protocol, a complete nginx.conf.
-- One column per statement: H2 and PostgreSQL spell multi-column ALTERs differently.
ALTER TABLE balancer ADD COLUMN balancing_method VARCHAR(32) DEFAULT 'ROUND_ROBIN' NOT NULL;
ALTER TABLE balancer ADD COLUMN connect_timeout_seconds INTEGER DEFAULT 5 NOT NULL;
ALTER TABLE balancer ADD COLUMN idle_timeout_seconds INTEGER DEFAULT 120 NOT NULL;
ALTER TABLE balancer ADD COLUMN max_fails INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE balancer ADD COLUMN fail_timeout_seconds INTEGER DEFAULT 10 NOT NULL;
ALTER TABLE balancer ADD COLUMN check_interval_millis INTEGER DEFAULT 1000 NOT NULL;
ALTER TABLE balancer ADD COLUMN check_fall INTEGER DEFAULT 2 NOT NULL;
ALTER TABLE balancer ADD COLUMN check_rise INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE balancer ADD COLUMN balance_management BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE balancer ADD COLUMN management_listen_port INTEGER DEFAULT 15672 NOT NULL;
ALTER TABLE balancer ADD COLUMN proxy_protocol BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE balancer ADD COLUMN nginx_layout VARCHAR(16) DEFAULT 'FULL_CONFIG' NOT NULL;

ALTER TABLE balancer ADD CONSTRAINT ck_balancer_method
    CHECK (balancing_method IN ('ROUND_ROBIN', 'LEAST_CONNECTIONS', 'HASH_CLIENT_ADDRESS'));
ALTER TABLE balancer ADD CONSTRAINT ck_balancer_nginx_layout CHECK (nginx_layout IN ('FULL_CONFIG', 'INCLUDE'));
ALTER TABLE balancer ADD CONSTRAINT ck_balancer_settings CHECK (
    connect_timeout_seconds BETWEEN 1 AND 3600 AND idle_timeout_seconds BETWEEN 1 AND 86400
    AND max_fails BETWEEN 0 AND 100 AND fail_timeout_seconds BETWEEN 1 AND 3600
    AND check_interval_millis BETWEEN 100 AND 60000 AND check_fall BETWEEN 1 AND 100 AND check_rise BETWEEN 1 AND 100
    AND management_listen_port BETWEEN 1 AND 65535);
