# shellcheck shell=bash
# shellcheck disable=SC2034  # the variables are used by the scripts that source this
# Shared helpers of lab/start, lab/stop and lab/status. Sourced, never run.
#
# Every process the lab starts gets a pid file in $LAB/pids/<name>.pid. The process
# name (comm) each pid must have is known here, so that a pid file left behind by an
# older run never makes us signal an unrelated process that reused the pid.

LAB=${WARREN_LAB_DIR:-/tmp/warren-lab}
PIDS_DIR=$LAB/pids
# Created in the state dir on its first use: proves the dir is ours before any rm -rf.
MARKER=$LAB/.warren-lab
SUDOERS_DROPIN=/etc/sudoers.d/warren-lab
LAB_USER=warren-lab
# A careful estate's SSH user: sudo only for the RabbitMQ CLI and NGINX (issue 17).
NARROW_USER=warren-narrow
NARROW_SUDO="/usr/sbin/rabbitmqctl, /usr/sbin/rabbitmq-diagnostics, /usr/sbin/nginx"
RABBITMQ_HOME=/var/lib/rabbitmq
RABBITMQ_BIN=/usr/lib/rabbitmq/bin
# The RabbitMQ 4.x estate: a Debian 13 root built once by lab/install; its nodes and its
# own sshd run chrooted into it. WARREN_LAB_FOUR=0 leaves it out.
FOUR_ROOT=${WARREN_LAB_FOUR_ROOT:-/var/lib/warren-lab/trixie}
FOUR_MOUNTS=$LAB/four-mounts

log() {
  printf '%s %s\n' "[$(date +%H:%M:%S)]" "$*" >&2
}

die() {
  printf '%s: %s\n' "${0##*/}" "$*" >&2
  exit 1
}

require_root() {
  if [[ $(id -u) -ne 0 ]]; then
    die "must run as root"
  fi
}

# Milliseconds since the epoch, for the timings the scripts report.
now_ms() {
  local ns
  ns=$(date +%s%N)
  echo $((ns / 1000000))
}

# The comm (process name) a pid file's process must have, from the pid file's name.
expected_comm() {
  case $1 in
    rabbitmq-*) echo beam.smp ;;
    epmd) echo epmd ;;
    sshd | sshd4) echo sshd ;;
    nginx) echo nginx ;;
    haproxy) echo haproxy ;;
    postgres) echo postgres ;;
    *) return 1 ;;
  esac
}

# True when pid is a live process (a zombie is dead: kill -0 alone would say alive)
# and, when given, its comm is the expected one.
is_alive() {
  local pid=$1 comm=${2:-} stat actual
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  stat=$(ps -o stat= -p "$pid" 2>/dev/null) || return 1
  [[ $stat != Z* ]] || return 1
  if [[ -n $comm ]]; then
    actual=$(ps -o comm= -p "$pid" 2>/dev/null) || return 1
    [[ $actual == "$comm" ]] || return 1
  fi
  return 0
}

# The pid in a pid file, or nothing.
read_pid() {
  local file=$1 pid=
  if [[ -r $file ]]; then
    read -r pid <"$file" || true
  fi
  if [[ $pid =~ ^[0-9]+$ ]]; then
    echo "$pid"
  fi
}

# Names (without .pid) of the recorded processes, in the order they should stop:
# RabbitMQ nodes first (they use epmd), the rest, epmd last.
recorded_names() {
  local file name nodes=() others=() epmd=()
  [[ -d $PIDS_DIR ]] || return 0
  for file in "$PIDS_DIR"/*.pid; do
    [[ -e $file ]] || continue
    name=${file##*/}
    name=${name%.pid}
    case $name in
      rabbitmq-*) nodes+=("$name") ;;
      epmd) epmd+=("$name") ;;
      *) others+=("$name") ;;
    esac
  done
  printf '%s\n' ${nodes[@]+"${nodes[@]}"} ${others[@]+"${others[@]}"} ${epmd[@]+"${epmd[@]}"}
}

# True when any recorded process is alive.
any_recorded_alive() {
  local name pid comm
  while read -r name; do
    [[ -n $name ]] || continue
    pid=$(read_pid "$PIDS_DIR/$name.pid")
    comm=$(expected_comm "$name") || continue
    if [[ -n $pid ]] && is_alive "$pid" "$comm"; then
      return 0
    fi
  done < <(recorded_names)
  return 1
}

# "pid comm" of every descendant of pid (children first-level first), read once from ps.
descendants() {
  ps -e -o pid=,ppid=,comm= | awk -v root="$1" '
    { pid[NR] = $1; ppid[NR] = $2; comm[NR] = $3 }
    END {
      want[root] = 1
      do {
        added = 0
        for (i = 1; i <= NR; i++) {
          if ((ppid[i] in want) && !(pid[i] in want)) {
            want[pid[i]] = 1; added = 1
            print pid[i], comm[i]
          }
        }
      } while (added)
    }'
}

# kill_list LABEL "pid comm" LINES: SIGTERM to each listed process still alive with that
# comm, then SIGKILL for whatever is left half a second later. Used for the descendants
# recorded before their parent was stopped (they are reparented when it dies).
kill_list() {
  local label=$1 list=$2 pid comm entry left=()
  [[ -n $list ]] || return 0
  while read -r pid comm; do
    if is_alive "$pid" "$comm"; then
      kill -TERM "$pid" 2>/dev/null || true
      left+=("$pid $comm")
    fi
  done <<<"$list"
  [[ ${#left[@]} -gt 0 ]] || return 0
  sleep 0.5
  for entry in "${left[@]}"; do
    read -r pid comm <<<"$entry"
    if is_alive "$pid" "$comm"; then
      log "$label: SIGKILL leftover $pid ($comm)"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

# TCP port has a listening socket on this host.
port_listening() {
  ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}

# Description of whatever listens on a port, for error messages.
port_owner() {
  ss -Hltnp "sport = :$1" 2>/dev/null | head -n 1
}

wait_for_port() {
  local port=$1 timeout_s=$2 pid=${3:-} deadline
  deadline=$(($(now_ms) + timeout_s * 1000))
  until port_listening "$port"; do
    if [[ -n $pid ]] && ! is_alive "$pid"; then
      return 1
    fi
    if (($(now_ms) > deadline)); then
      return 1
    fi
    sleep 0.1
  done
}

# Runs a command as another user with that user's groups, by exec (no su/runuser
# parent left in between: $! of a background call is the command's own pid).
as_user() {
  local user=$1
  shift
  setpriv --reuid="$user" --regid="$user" --init-groups -- "$@"
}

# rabbitmqctl / rabbitmq-diagnostics as user rabbitmq with the shared cookie.
# The 4.x CLI, from inside its root (a 3.10 CLI cannot drive a 4.0 node): four_cli TOOL ARGS...
four_cli() {
  local tool=$1
  shift
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/var/lib/rabbitmq \
    chroot "$FOUR_ROOT" /usr/sbin/"$tool" "$@"
}

rabbit_cli() {
  local tool=$1
  shift
  (cd "$RABBITMQ_HOME" && HOME=$RABBITMQ_HOME as_user rabbitmq "$RABBITMQ_BIN/$tool" "$@")
}
