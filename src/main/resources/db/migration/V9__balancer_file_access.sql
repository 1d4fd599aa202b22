-- Runs unchanged on H2 (2.x) and PostgreSQL (13+).
-- How Warren writes a balancer's config file: through sudo (as before) or as the SSH user
-- in a directory it may write, with sudo only for the validate and reload commands.
ALTER TABLE balancer ADD COLUMN file_access VARCHAR(16) DEFAULT 'SUDO' NOT NULL;
ALTER TABLE balancer ADD CONSTRAINT ck_balancer_file_access CHECK (file_access IN ('SUDO', 'SSH_USER'));
