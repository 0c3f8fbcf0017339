#!/usr/bin/env bash
# Installs or upgrades MRSNode as a systemd service from the output of
#   dotnet publish src/MRSNode.Cli -c Release -r linux-x64 --self-contained -o DIR
# Safe to run again: binaries are replaced, an existing configuration and all data are kept.
set -euo pipefail

readonly SERVICE=mrsnode
readonly SERVICE_USER=mrsnode
readonly APP_DIR=/opt/mrsnode
readonly CONF_DIR=/etc/mrsnode
readonly DATA_DIR=/var/lib/mrsnode
readonly UNIT_DIR=/etc/systemd/system

usage() {
  cat <<'EOF'
Usage: install.sh [--no-start] [--prefix DIR] [--dry-run] PUBLISH_DIR

Installs MRSNode from PUBLISH_DIR (a `dotnet publish -r linux-x64 --self-contained` output):
  /opt/mrsnode                     binaries (replaced on upgrade)
  /etc/mrsnode/appsettings.json    site configuration (created once, never overwritten)
  /etc/mrsnode/mrsnode.env         environment overrides MRSNODE_Section__Key=value (created once)
  /var/lib/mrsnode                 data: received objects, jobs, outbox (never touched)
  /etc/systemd/system/mrsnode.service
creates the system user and group 'mrsnode', then reloads systemd and enables the service.

  --no-start    enable the service but do not start (or restart) it now
  --prefix DIR  install below DIR as if it were / (staging, packaging, tests): no user,
                no ownership changes, no systemctl
  --dry-run     print what would be done and change nothing
EOF
}

die() { printf 'install.sh: %s\n' "$*" >&2; exit 2; }
say() { printf '%s\n' "$*"; }

prefix=""
dry_run=0
start=1
publish=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#*=}; shift ;;
    --dry-run) dry_run=1; shift ;;
    --no-start) start=0; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; die "unknown option $1" ;;
    *) [ -z "$publish" ] || die "one publish folder only (got '$publish' and '$1')"; publish=$1; shift ;;
  esac
done
[ -n "$publish" ] || { usage >&2; die "the publish folder is missing"; }
[ -d "$publish" ] || die "$publish is not a folder"
publish=$(cd "$publish" && pwd)
if [ ! -f "$publish/mrsnode" ] || [ ! -x "$publish/mrsnode" ]; then
  die "$publish has no executable 'mrsnode': publish with -r linux-x64 --self-contained"
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ -f "$here/mrsnode.service" ] || die "mrsnode.service is not beside install.sh"

# With --prefix everything lands below it and the running system is left alone.
root=""
manage_system=1
if [ -n "$prefix" ]; then
  root=$(realpath -m "$prefix")
  [ "$root" != / ] || root=""
  manage_system=0
fi
if [ "$manage_system" = 1 ] && [ "$dry_run" = 0 ] && [ "$(id -u)" != 0 ]; then
  die "run as root (or use --dry-run, or --prefix DIR)"
fi
app=$root$APP_DIR
conf=$root$CONF_DIR
data=$root$DATA_DIR
unit=$root$UNIT_DIR/$SERVICE.service
case "$publish/" in "$app"/* | "$app".new/*) die "the publish folder must not be inside $app" ;; esac
case "$app/" in "$publish"/*) die "the publish folder must not contain $app" ;; esac

# run CMD...: do it, or only print it with --dry-run.
run() {
  if [ "$dry_run" = 1 ]; then printf '+'; printf ' %q' "$@"; printf '\n'; else "$@"; fi
}
# own OWNER:GROUP PATH...: ownership on the real system only.
own() {
  if [ "$manage_system" = 1 ]; then run chown "$@"; fi
}
# write_file MODE PATH < content: an atomic write (temporary file and rename).
write_file() {
  local mode=$1 path=$2 tmp
  if [ "$dry_run" = 1 ]; then
    printf '+ write %s (mode %s)\n' "$path" "$mode"
    cat >/dev/null
    return
  fi
  tmp=$(mktemp "$path.XXXXXX")
  cat >"$tmp"
  chmod "$mode" "$tmp"
  mv -f "$tmp" "$path"
}
systemd_running() {
  [ "$manage_system" = 1 ] && command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]
}

# 1. The service account: a system user with no login and its data folder as home.
if [ "$manage_system" = 1 ]; then
  if ! getent group "$SERVICE_USER" >/dev/null; then
    run groupadd --system "$SERVICE_USER"
  fi
  if ! getent passwd "$SERVICE_USER" >/dev/null; then
    run useradd --system --gid "$SERVICE_USER" --home-dir "$DATA_DIR" --no-create-home \
      --shell /usr/sbin/nologin --comment "MRSNode DICOM node" "$SERVICE_USER"
  fi
fi

# 2. Folders. Configuration is readable by the service, not writable; data is the service's alone.
for dir in "$(dirname "$app")" "$root$UNIT_DIR"; do
  [ -d "$dir" ] || run install -d -m 0755 "$dir"
done
run install -d -m 0750 "$conf" "$conf/tls" "$data"
run chmod 0750 "$conf" "$conf/tls" "$data"
own root:"$SERVICE_USER" "$conf" "$conf/tls"
own "$SERVICE_USER:$SERVICE_USER" "$data"

# 3. Binaries, staged beside the old ones and swapped in while the service is stopped.
run rm -rf "${app:?}.new"
run install -d -m 0755 "$app.new"
run cp -R --preserve=mode,timestamps "$publish/." "$app.new/"
run install -m 0755 "$here/uninstall.sh" "$app.new/uninstall.sh"
run chmod -R u+rwX,go+rX,go-w "$app.new"
own -R root:root "$app.new"
was_active=0
if systemd_running && systemctl is-active --quiet "$SERVICE"; then
  was_active=1
  run systemctl stop "$SERVICE"
fi
if [ -e "$app" ]; then
  run rm -rf "${app:?}.old"
  run mv "$app" "$app.old"
fi
run mv "$app.new" "$app"
run rm -rf "${app:?}.old"

# 4. Site configuration, created once and then left to the site. It only overrides: the defaults are
#    in $APP_DIR/config/appsettings.json (read first by `mrsnode serve`, replaced on upgrade).
if [ -e "$conf/appsettings.json" ]; then
  say "kept $conf/appsettings.json"
else
  write_file 0640 "$conf/appsettings.json" <<'EOF'
{
  "Node": {
    "AeTitle": "MRSNODE",
    "Port": 11112
  },
  "Destinations": []
}
EOF
  own root:"$SERVICE_USER" "$conf/appsettings.json"
fi
if [ -e "$conf/$SERVICE.env" ]; then
  say "kept $conf/$SERVICE.env"
else
  write_file 0640 "$conf/$SERVICE.env" <<'EOF'
# Environment of the mrsnode service (systemd EnvironmentFile): one NAME=value a line.
# Any key of appsettings.json can be overridden as MRSNODE_<Section>__<Key>, for example
#   MRSNODE_Node__AeTitle=MRSNODE
#   MRSNODE_Node__Port=11112
#   MRSNODE_Destinations__0__Name=PACS
#   MRSNODE_Destinations__0__AeTitle=PACS
#   MRSNODE_Destinations__0__Host=pacs.example.org
#   MRSNODE_Destinations__0__Port=104
# The data directory is set by the unit (MRSNODE_Node__DataDirectory=/var/lib/mrsnode); moving it
# also needs ReadWritePaths= for the new place in a drop-in (systemctl edit mrsnode).
EOF
  own root:"$SERVICE_USER" "$conf/$SERVICE.env"
fi

# 5. The unit, then systemd.
run install -m 0644 "$here/mrsnode.service" "$unit"
# The per-role template of a scaled-out deployment (docs/scale-out.md); installed, never enabled here.
if [ -f "$here/mrsnode@.service" ]; then
  run install -m 0644 "$here/mrsnode@.service" "$root$UNIT_DIR/mrsnode@.service"
fi
if systemd_running; then
  run systemctl daemon-reload
  run systemctl enable "$SERVICE"
  if [ "$start" = 1 ]; then
    if [ "$was_active" = 1 ]; then
      run systemctl restart "$SERVICE"
    else
      run systemctl start "$SERVICE"
    fi
  fi
elif [ "$manage_system" = 1 ]; then
  say "systemd is not running here: enable and start $SERVICE.service yourself"
fi

say "MRSNode installed in $app (configuration $conf, data $data)."
if [ "$manage_system" = 1 ]; then
  say "Status: systemctl status $SERVICE; logs: journalctl -u $SERVICE"
fi
