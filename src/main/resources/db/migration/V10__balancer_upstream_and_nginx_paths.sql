-- Runs unchanged on H2 (2.x) and PostgreSQL (13+).
-- An NGINX include file read inside an existing stream {} block (stream.d/), a settable
-- upstream name (two balancers on one host must not share one), and NGINX's pid file and
-- error log as the administrator sets them (NULL: learned from nginx -T on every push).
ALTER TABLE balancer DROP CONSTRAINT ck_balancer_nginx_layout;
ALTER TABLE balancer ADD CONSTRAINT ck_balancer_nginx_layout
    CHECK (nginx_layout IN ('FULL_CONFIG', 'INCLUDE', 'STREAM_INCLUDE'));
ALTER TABLE balancer ADD COLUMN upstream_name VARCHAR(48) DEFAULT 'rabbitmq_amqp' NOT NULL;
ALTER TABLE balancer ADD COLUMN pid_file VARCHAR(500);
ALTER TABLE balancer ADD COLUMN error_log VARCHAR(500);
