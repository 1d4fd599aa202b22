#!/bin/sh
# Starts sshd beside the RabbitMQ node. Every node of the demo gets the same Erlang cookie
# (DEMO_ERLANG_COOKIE), which clustering needs, and the SSH user's password (DEMO_SSH_PASSWORD).
set -eu
: "${DEMO_ERLANG_COOKIE:?set DEMO_ERLANG_COOKIE (the same on every node)}"
: "${DEMO_SSH_PASSWORD:?set DEMO_SSH_PASSWORD}"

# rabbitmq-server runs as rabbitmq, rabbitmqctl through sudo as root: both read $HOME/.erlang.cookie.
for home in /var/lib/rabbitmq /root; do
  printf '%s' "$DEMO_ERLANG_COOKIE" > "$home/.erlang.cookie"
  chmod 600 "$home/.erlang.cookie"
done
chown rabbitmq:rabbitmq /var/lib/rabbitmq/.erlang.cookie

echo "warren:$DEMO_SSH_PASSWORD" | chpasswd
ssh-keygen -A >/dev/null
/usr/sbin/sshd

exec docker-entrypoint.sh "$@"
