#!/bin/sh
# Starts sshd, then NGINX in the foreground (Warren reloads it with nginx -s reload).
set -eu
: "${DEMO_SSH_PASSWORD:?set DEMO_SSH_PASSWORD}"
echo "warren:$DEMO_SSH_PASSWORD" | chpasswd
ssh-keygen -A >/dev/null
/usr/sbin/sshd
exec nginx -g 'daemon off;'
