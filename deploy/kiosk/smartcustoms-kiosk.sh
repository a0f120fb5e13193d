#!/usr/bin/env bash
# Shows the gateway's operator UI full screen on the lane's touchscreen (Chromium kiosk mode).
# Started by smartcustoms-kiosk.service (systemd user unit) or smartcustoms-kiosk.desktop (XDG autostart) in the
# operator's desktop session. Waits for the gateway, then keeps Chromium running.
#   SC_KIOSK_URL  default http://127.0.0.1:5080/
set -euo pipefail
url="${SC_KIOSK_URL:-http://127.0.0.1:5080/}"
browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || { echo "error: chromium not installed (apt-get install chromium)" >&2; exit 1; }

# The gateway may still be starting after boot: wait up to 2 minutes for /healthz.
for _ in $(seq 1 240); do
  curl -fsS -o /dev/null "${url%/}/healthz" && break
  sleep 0.5
done

# A profile of its own, reset at each start: no "restore pages?" bubble after a power cut, no stale cache.
profile="${XDG_RUNTIME_DIR:-/tmp}/smartcustoms-kiosk"
rm -rf "$profile"

# Screen blanking off for X11 sessions (Wayland compositors have their own idle settings).
if [ -n "${DISPLAY:-}" ] && command -v xset >/dev/null; then xset s off -dpms s noblank || true; fi

exec "$browser" \
  --kiosk "$url" \
  --user-data-dir="$profile" \
  --no-first-run \
  --noerrdialogs \
  --disable-infobars \
  --disable-session-crashed-bubble \
  --disable-features=Translate,TranslateUI \
  --disable-pinch \
  --overscroll-history-navigation=0 \
  --check-for-update-interval=31536000 \
  --password-store=basic \
  --touch-events=enabled
