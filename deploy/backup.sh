#!/usr/bin/env bash
# Consistent backup / restore of a lane's data: the LiteDB event store with its outbox and audit chain
# (/var/lib/smartcustoms-edge) and the settings (/etc/smartcustoms-edge, including TLS keys - keep backups safe).
#   sudo deploy/backup.sh backup  [file.tar.gz]   # default /var/backups/smartcustoms-edge-<UTC time>.tar.gz
#   sudo deploy/backup.sh restore file.tar.gz     # replaces data and settings with the backup's
# LiteDB does not fsync on commit and its files are only consistent while no process has them open, so the
# service is stopped for the copy (seconds) and started again afterwards if it was running. Undelivered events
# stay in the outbox and are sent after the start; the gateway reads no devices while stopped, so back up
# between lots.
set -euo pipefail
data_dir=/var/lib/smartcustoms-edge
etc_dir=/etc/smartcustoms-edge
unit=smartcustoms-edge.service
action="${1:-}"
[ "$(id -u)" -eq 0 ] || { echo "error: run as root (sudo $0)" >&2; exit 1; }

was_active=no
stop_gateway() {
  if [ -d /run/systemd/system ] && systemctl is-active --quiet "$unit"; then
    was_active=yes
    systemctl stop "$unit"
  fi
  # The store holds an exclusive lock on events.lock while open (also when started by hand, outside systemd).
  if [ -e "$data_dir/events.lock" ] && ! flock -n "$data_dir/events.lock" true; then
    echo "error: $data_dir is in use by a running gateway; stop it first" >&2
    exit 1
  fi
}
start_gateway() { if [ "$was_active" = yes ]; then systemctl start "$unit"; fi; }
trap start_gateway EXIT

case "$action" in
  backup)
    file="${2:-/var/backups/smartcustoms-edge-$(date -u +%Y%m%dT%H%M%SZ).tar.gz}"
    install -d -m 0700 "$(dirname "$file")"
    stop_gateway
    tar -czf "$file.partial" --numeric-owner -C / "${data_dir#/}" "${etc_dir#/}"
    mv "$file.partial" "$file"
    chmod 0600 "$file"
    echo "== backup written: $file ($(du -h "$file" | cut -f1))"
    ;;
  restore)
    file="${2:?usage: $0 restore file.tar.gz}"
    [ -f "$file" ] || { echo "error: no such file $file" >&2; exit 1; }
    tar -tzf "$file" "${data_dir#/}/" >/dev/null || { echo "error: $file holds no ${data_dir#/}/" >&2; exit 1; }
    stop_gateway
    # Keep what is there now until the restore succeeded.
    rm -rf "$data_dir.before-restore" "$etc_dir.before-restore"
    [ -d "$data_dir" ] && mv "$data_dir" "$data_dir.before-restore"
    [ -d "$etc_dir" ] && mv "$etc_dir" "$etc_dir.before-restore"
    tar -xzf "$file" --numeric-owner -C /
    chown -R smartcustoms:smartcustoms "$data_dir"
    echo "== restored $data_dir and $etc_dir from $file (previous copies: *.before-restore, delete when satisfied)"
    ;;
  *)
    echo "usage: $0 backup [file.tar.gz] | restore file.tar.gz" >&2
    exit 2
    ;;
esac
