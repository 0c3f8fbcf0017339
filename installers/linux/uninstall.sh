#!/usr/bin/env bash
# Removes the MRSNode service and binaries installed by install.sh. Configuration and data
# (received objects, jobs, outbox — which may hold patient data) are kept unless --purge.
set -euo pipefail

readonly SERVICE=mrsnode
readonly SERVICE_USER=mrsnode
readonly APP_DIR=/opt/mrsnode
readonly CONF_DIR=/etc/mrsnode
readonly DATA_DIR=/var/lib/mrsnode
readonly UNIT_DIR=/etc/systemd/system

usage() {
  cat <<'EOF'
Usage: uninstall.sh [--purge] [--prefix DIR] [--dry-run]

Stops and disables the mrsnode service and removes /opt/mrsnode and the unit.
Keeps /etc/mrsnode (configuration), /var/lib/mrsnode (data) and the 'mrsnode' user unless --purge.

  --purge       also delete the configuration, all data and the user and group
  --prefix DIR  uninstall what install.sh --prefix DIR installed (no systemctl, no user)
  --dry-run     print what would be done and change nothing
EOF
}

die() { printf 'uninstall.sh: %s\n' "$*" >&2; exit 2; }
say() { printf '%s\n' "$*"; }

prefix=""
dry_run=0
purge=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#*=}; shift ;;
    --dry-run) dry_run=1; shift ;;
    --purge) purge=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument $1" ;;
  esac
done

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

run() {
  if [ "$dry_run" = 1 ]; then printf '+'; printf ' %q' "$@"; printf '\n'; else "$@"; fi
}

if [ "$manage_system" = 1 ] && command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  if [ -e "$unit" ]; then
    run systemctl disable --now "$SERVICE.service" || true
    run rm -f "$unit"
    run systemctl daemon-reload
  fi
elif [ -e "$unit" ]; then
  run rm -f "$unit"
fi
run rm -f "$root$UNIT_DIR/mrsnode@.service" # the role template (docs/scale-out.md); stop its instances first
run rm -rf "${app:?}" "${app:?}.new" "${app:?}.old"

if [ "$purge" = 1 ]; then
  run rm -rf "${conf:?}" "${data:?}"
  if [ "$manage_system" = 1 ]; then
    if getent passwd "$SERVICE_USER" >/dev/null; then run userdel "$SERVICE_USER"; fi
    if getent group "$SERVICE_USER" >/dev/null; then run groupdel "$SERVICE_USER"; fi
  fi
  say "MRSNode removed, with its configuration and data."
else
  kept="$conf (configuration), $data (data)"
  if [ "$manage_system" = 1 ]; then kept="$kept, the '$SERVICE_USER' user"; fi
  say "MRSNode removed. Kept: $kept; --purge deletes them."
fi
