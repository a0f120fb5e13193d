#!/usr/bin/env bash
# Installs (or upgrades) SmartCustoms.Edge as a systemd service on a lane PC. Idempotent: run it again with a
# newer publish folder to upgrade; data in /var/lib/smartcustoms-edge (event store + outbox) is kept.
#   sudo deploy/install.sh [publish-folder]     # default: artifacts/publish/<this machine's rid>
# Settings are NOT overwritten: the template is copied to /etc/smartcustoms-edge/appsettings.Production.json
# only when that file does not exist yet.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"

case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) echo "error: unsupported machine $(uname -m) (linux-x64 or linux-arm64)" >&2; exit 1 ;;
esac
src="${1:-$repo/artifacts/publish/$rid}"

app_dir=/opt/smartcustoms-edge
etc_dir=/etc/smartcustoms-edge
data_dir=/var/lib/smartcustoms-edge
log_dir=/var/log/smartcustoms-edge
unit=smartcustoms-edge.service
user=smartcustoms

[ "$(id -u)" -eq 0 ] || { echo "error: run as root (sudo $0)" >&2; exit 1; }
[ -x "$src/SmartCustoms.Edge" ] || { echo "error: no published gateway in $src (run deploy/publish.sh $rid)" >&2; exit 1; }

# Device groups: present on Raspberry Pi OS / Debian for serial and video; gpio and i2c often are not.
for g in gpio dialout video i2c; do
  getent group "$g" >/dev/null || groupadd --system "$g"
done
if ! id "$user" >/dev/null 2>&1; then
  useradd --system --home-dir "$data_dir" --no-create-home --shell /usr/sbin/nologin --user-group "$user"
fi
usermod -a -G gpio,dialout,video,i2c "$user"
# /dev/gpiochip* belongs to root:root on plain Debian; give the gpio group access (Raspberry Pi OS already does).
if [ ! -e /etc/udev/rules.d/60-smartcustoms-gpio.rules ]; then
  cat > /etc/udev/rules.d/60-smartcustoms-gpio.rules <<'RULES'
SUBSYSTEM=="gpio", KERNEL=="gpiochip*", GROUP="gpio", MODE="0660"
SUBSYSTEM=="i2c-dev", KERNEL=="i2c-[0-9]*", GROUP="i2c", MODE="0660"
RULES
  { command -v udevadm >/dev/null && udevadm control --reload-rules && udevadm trigger; } >/dev/null 2>&1 || true
fi

install -d -o root -g root -m 0755 "$app_dir"
install -d -o root -g "$user" -m 0750 "$etc_dir" "$etc_dir/tls"
install -d -o "$user" -g "$user" -m 0750 "$data_dir" "$log_dir"

# Containers and chroots have no running systemd: install the files, skip the service manager.
have_systemd=no
[ -d /run/systemd/system ] && have_systemd=yes

was_active=no
if [ "$have_systemd" = yes ] && systemctl is-active --quiet "$unit"; then
  was_active=yes
  # Stop first: the store flushes and the outbox stays in $data_dir; nothing in /opt holds data.
  systemctl stop "$unit"
fi

# Replace the program atomically enough for a stopped service: copy to a new folder, then swap.
rm -rf "$app_dir.new"
cp -a "$src" "$app_dir.new"
install -d "$app_dir.new/docs"
cp "$repo/docs/deployment.md" "$app_dir.new/docs/" 2>/dev/null || true
ln -sfn "$etc_dir/appsettings.Production.json" "$app_dir.new/appsettings.Production.json"
chown -R root:root "$app_dir.new"
rm -rf "$app_dir.old"
[ -d "$app_dir" ] && mv "$app_dir" "$app_dir.old"
mv "$app_dir.new" "$app_dir"
rm -rf "$app_dir.old"

if [ ! -e "$etc_dir/appsettings.Production.json" ]; then
  install -o root -g "$user" -m 0640 "$here/settings/appsettings.Production.json" "$etc_dir/appsettings.Production.json"
  echo "== wrote $etc_dir/appsettings.Production.json from the template: edit device addresses, site/lane,"
  echo "   Commands:Tokens and put the TLS files in $etc_dir/tls/ before starting."
fi

install -d /etc/systemd/system
install -o root -g root -m 0644 "$here/systemd/$unit" "/etc/systemd/system/$unit"
if [ "$have_systemd" = no ]; then
  echo "== installed files; systemd is not running here, so the service was not enabled or started"
  exit 0
fi
systemctl daemon-reload
systemctl enable "$unit" >/dev/null

if [ "$was_active" = yes ]; then
  systemctl start "$unit"
  echo "== upgraded and restarted $unit"
else
  echo "== installed $unit (enabled, not started). Start: systemctl start $unit; logs: journalctl -u $unit -f"
fi
