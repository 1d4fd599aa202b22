#!/usr/bin/env bash
# One NGINX deployment as plain SSH round trips, the same commands Warren's run sends, in the
# same order: read the live file, upload, put it beside the live file with its owner and mode,
# nginx -t, back up, note the master's workers and the error log's size, move into place,
# reload, then poll (every 250 ms, as Warren does) until the master has new workers, the port
# listens and the log has no new [emerg]. The AMQP round trip is timed by the caller.
#   plain-nginx-deploy.sh KEY SSH_PORT CONF NEW_FILE LISTEN_PORT PID_FILE ERROR_LOG mux|fresh
# mux: one SSH connection for all commands (OpenSSH ControlMaster), as Warren keeps one session;
# fresh: a new connection per command, as commands typed one by one.
set -euo pipefail
key=$1 ssh_port=$2 conf=$3 new=$4 listen=$5 pidfile=$6 errlog=$7 mode=$8
prefix=$(dirname "$conf")
opts=(-i "$key" -p "$ssh_port" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes
  -o LogLevel=ERROR)
if [[ $mode == mux ]]; then
  sock=$(mktemp -u /tmp/warren-bench-ssh.XXXXXX)
  opts+=(-o ControlMaster=auto -o ControlPath="$sock" -o ControlPersist=30)
  trap 'ssh "${opts[@]}" -O exit root@127.0.0.1 2>/dev/null || true' EXIT
fi
r() { ssh "${opts[@]}" root@127.0.0.1 "$@" </dev/null; }
upload_to() { ssh "${opts[@]}" root@127.0.0.1 "cat > $1"; }

stamp=$(date -u +%Y%m%dT%H%M%SZ)
upload=/tmp/warren-upload-bench-$$
staged=$conf.warren-new
r "test -f $conf"
r "cat $conf" >/dev/null
upload_to "$upload" <"$new"
r "mv -f $upload $staged"
r "chown --reference=$conf $staged"
r "chmod --reference=$conf $staged"
r "nginx -t -p $prefix -c $staged" 2>/dev/null
r "cp -p $conf $conf.warren-backup-$stamp"
master=$(r "cat $pidfile")
before=$(r "ps -o pid= --ppid $master")
size=$(r "stat -c %s $errlog")
r "mv -f $staged $conf"
r "nginx -p $prefix -c $conf -s reload" 2>/dev/null
deadline=$((SECONDS + 10))
while :; do
  listening=$(r "ss -ltnH 'sport = :$listen'")
  workers=$(r "ps -o pid= --ppid $master")
  log=$(r "tail -c +$((size + 1)) $errlog")
  if grep -q '\[emerg\]' <<<"$log"; then
    echo "nginx logged [emerg]: $log" >&2
    exit 1
  fi
  if [[ -n $listening && -n $workers && $workers != "$before" ]]; then
    break
  fi
  if ((SECONDS > deadline)); then
    echo "the reload did not take" >&2
    exit 1
  fi
  sleep 0.25
done
