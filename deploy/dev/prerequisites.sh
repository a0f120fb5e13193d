#!/usr/bin/env bash
# Shared by edge/run.sh and tests/run.sh: checks (and, as root, installs) the Debian packages the gateway and
# its tests need on a fresh Debian 12 machine that has only the .NET 10 SDK.
#   run:  libgtk-3-0 (OpenCvSharp's native library needs it)
#   test: the above, plus mosquitto (integration tests start their own broker), mosquitto-clients,
#         mbpoll (a real Modbus client for simulator tests), chromium (browser tests) and
#         ffmpeg (the RTSP camera source pipes frames through it), systemd (systemd-analyze verify on the
#         service unit), docker-compose (`config` lints deploy/container/compose.yaml; no engine needed) and
#         openssl (test certificates for the broker ACL check)

ensure_packages() {
  local purpose="$1"
  local packages=(libgtk-3-0)
  if [ "$purpose" = "test" ]; then
    packages+=(mosquitto mosquitto-clients mbpoll chromium ffmpeg systemd docker-compose openssl)
  fi

  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET 10 SDK is required (dotnet not found on PATH)." >&2
    return 1
  fi

  local missing=()
  for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ "${#missing[@]}" -eq 0 ] && return 0

  if [ "$(id -u)" -eq 0 ]; then
    echo "== installing ${missing[*]} (apt)"
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
      echo "error: apt-get install ${missing[*]} failed" >&2
      return 1
    fi
    # apt starts a system mosquitto on 1883 on some images; the gateway's embedded broker wants that port.
    if command -v systemctl >/dev/null 2>&1; then systemctl disable --now mosquitto >/dev/null 2>&1 || true; fi
    return 0
  fi

  echo "error: missing packages. Run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  return 1
}
