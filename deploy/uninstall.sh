#!/usr/bin/env bash
# Removes the SmartCustoms.Edge service and program. Idempotent.
#   sudo deploy/uninstall.sh          # keeps settings, data (event store, outbox, audit chain) and logs
#   sudo deploy/uninstall.sh --purge  # also deletes them and the smartcustoms user
set -euo pipefail
unit=smartcustoms-edge.service
purge=no
[ "${1:-}" = "--purge" ] && purge=yes
[ "$(id -u)" -eq 0 ] || { echo "error: run as root (sudo $0)" >&2; exit 1; }

if [ -e "/etc/systemd/system/$unit" ]; then
  if [ -d /run/systemd/system ]; then systemctl disable --now "$unit" >/dev/null 2>&1 || true; fi
  rm -f "/etc/systemd/system/$unit" "/etc/systemd/system/multi-user.target.wants/$unit"
  if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    systemctl reset-failed "$unit" >/dev/null 2>&1 || true
  fi
fi
rm -rf /opt/smartcustoms-edge /opt/smartcustoms-edge.new /opt/smartcustoms-edge.old
rm -f /etc/udev/rules.d/60-smartcustoms-gpio.rules

if [ "$purge" = yes ]; then
  rm -rf /etc/smartcustoms-edge /var/lib/smartcustoms-edge /var/log/smartcustoms-edge \
    /etc/smartcustoms-edge.before-restore /var/lib/smartcustoms-edge.before-restore
  if id smartcustoms >/dev/null 2>&1; then userdel smartcustoms; fi
  echo "== removed SmartCustoms.Edge with its settings, data and logs"
else
  echo "== removed SmartCustoms.Edge; kept /etc/smartcustoms-edge, /var/lib/smartcustoms-edge, /var/log/smartcustoms-edge"
fi
