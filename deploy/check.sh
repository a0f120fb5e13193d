#!/usr/bin/env bash
# Checks the deployment files without installing anything:
#   deploy/check.sh [unit|acl|mosquitto|compose|scripts ...]   (default: all)
#   unit      systemd-analyze verify on the unit, in a temporary root where ExecStart exists
#   acl       a real mosquitto with deploy/mosquitto/single-box (TLS, client certificates, ACL) on a free port:
#             two lane gateways and a central consumer try what they may and may not do
#   mosquitto mosquitto starts with deploy/container/mosquitto.conf (paths moved to a temp folder)
#   compose   docker-compose config on deploy/container/compose.yaml (needs the docker-compose package)
#   scripts   bash -n on every deploy script
# Prints "ok: …" per check, "FAIL: …" with the reason, exits 1 if any failed.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
failed=0
tmp="$(mktemp -d /tmp/sc-deploy-check.XXXXXX)"
chmod 755 "$tmp"   # mosquitto drops root to its own user and must read its files here
broker_pid=""
cleanup() { [ -n "$broker_pid" ] && kill "$broker_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failed=1; }
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

wait_for_port() { # port, seconds
  local end=$((SECONDS + $2))
  while [ $SECONDS -lt $end ]; do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

check_unit() {
  local root="$tmp/root"
  mkdir -p "$root/opt/smartcustoms-edge" "$root/etc/systemd/system" "$root/usr/lib/systemd"
  cp -a /usr/lib/systemd/system "$root/usr/lib/systemd/"
  printf '#!/bin/sh\n' > "$root/opt/smartcustoms-edge/SmartCustoms.Edge"
  chmod 755 "$root/opt/smartcustoms-edge/SmartCustoms.Edge"
  cp "$here/systemd/smartcustoms-edge.service" "$root/etc/systemd/system/"
  local out
  if out="$(systemd-analyze verify --root="$root" "$root/etc/systemd/system/smartcustoms-edge.service" 2>&1)" && [ -z "$out" ]; then
    ok "systemd-analyze verify smartcustoms-edge.service"
  else
    fail "systemd-analyze verify: ${out:-exit code $?}"
  fi
}

make_certs() { # folder, names...
  local dir="$1"; shift
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$dir/ca.key" -out "$dir/ca.pem" \
    -days 2 -subj /CN=sc-check-ca 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\n' > "$dir/ext"
  for n in "$@"; do
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$dir/$n.key" -out "$dir/$n.csr" \
      -subj "/CN=$n" 2>/dev/null
    openssl x509 -req -in "$dir/$n.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -out "$dir/$n.pem" \
      -days 2 -extfile "$dir/ext" 2>/dev/null
  done
  chmod 644 "$dir"/*
}

check_acl() {
  local dir="$tmp/acl" port
  mkdir -p "$dir" && chmod 755 "$dir"
  make_certs "$dir" server lane01 lane02 central-ingest
  port="$(free_port)"
  sed -e "s|^listener 8883|listener $port 127.0.0.1|" -e "s|/etc/mosquitto/certs/|$dir/|" \
      -e "s|^acl_file .*|acl_file $dir/acl|" -e "s|^persistence_location .*|persistence_location $dir/|" \
      "$here/mosquitto/single-box/mosquitto.conf" > "$dir/mosquitto.conf"
  cp "$here/mosquitto/single-box/smartcustoms.acl" "$dir/acl" && chmod 644 "$dir/acl" "$dir/mosquitto.conf"
  mosquitto -c "$dir/mosquitto.conf" > "$dir/broker.log" 2>&1 &
  broker_pid=$!
  if ! wait_for_port "$port" 10; then fail "acl: mosquitto did not start: $(cat "$dir/broker.log")"; return; fi

  c() { echo "--cafile $dir/ca.pem --cert $dir/$1.pem --key $dir/$1.key -h 127.0.0.1 -p $port -V mqttv5 -q 1"; }
  # Subscribers first; each exits after its expected message count or 8 s.
  mosquitto_sub $(c central-ingest) -t 'sc/v1/#' -v -C 4 -W 8 > "$dir/central.txt" 2>&1 &
  local s1=$!
  mosquitto_sub $(c central-ingest) -t '$share/ingest/sc/v1/porta/#' -v -C 4 -W 8 > "$dir/shared.txt" 2>&1 &
  local s2=$!
  mosquitto_sub $(c lane01) -t 'sc/v1/porta/lane01/cmd/#' -v -C 1 -W 8 > "$dir/lane01-cmd.txt" 2>&1 &
  local s3=$!
  mosquitto_sub $(c lane01) -t 'sc/v1/porta/lane02/#' -v -W 4 > "$dir/lane01-spy.txt" 2>&1 &
  local s4=$!
  sleep 1   # let the subscriptions reach the broker (mosquitto_sub has no "subscribed" signal)

  expect_pub() { # allowed|denied client topic payload
    local out; out="$(mosquitto_pub $(c "$2") -t "$3" -m "$4" 2>&1)"
    if [ "$1" = allowed ] && [ -n "$out" ]; then fail "acl: $2 may publish $3 but got: $out"; fi
    if [ "$1" = denied ] && [[ "$out" != *"Not authorized"* ]]; then fail "acl: $2 must not publish $3 (got '${out:-accepted}')"; fi
  }
  expect_pub allowed lane01 sc/v1/porta/lane01/event/detection own-lane01
  expect_pub allowed lane01 sc/v1/porta/lane01/state state-lane01
  expect_pub allowed lane02 sc/v1/porta/lane02/device/nir/state own-lane02
  expect_pub denied lane01 sc/v1/porta/lane02/event/detection spoof-lane02
  expect_pub denied lane01 sc/v1/porta/lane01/cmd/pause self-command
  expect_pub denied lane01 sc/v1/other/lane01/event/detection other-site
  expect_pub denied central-ingest sc/v1/porta/lane01/event/detection central-fake
  expect_pub allowed central-ingest sc/v1/porta/lane01/cmd/pause central-command
  wait "$s1" "$s2" "$s3" "$s4" 2>/dev/null

  for m in own-lane01 state-lane01 own-lane02 central-command; do
    grep -q " $m\$" "$dir/central.txt" || fail "acl: central consumer did not receive '$m': $(tr '\n' '|' < "$dir/central.txt")"
    grep -q " $m\$" "$dir/shared.txt" || fail "acl: shared subscription did not receive '$m': $(tr '\n' '|' < "$dir/shared.txt")"
  done
  grep -q ' central-command$' "$dir/lane01-cmd.txt" || fail "acl: lane01 did not receive its command: $(cat "$dir/lane01-cmd.txt")"
  grep -q 'sc/v1/' "$dir/lane01-spy.txt" && fail "acl: lane01 read lane02's topics: $(cat "$dir/lane01-spy.txt")"
  kill "$broker_pid" 2>/dev/null; wait "$broker_pid" 2>/dev/null; broker_pid=""
  [ "$failed" -eq 0 ] && ok "mosquitto single-box TLS + ACL (3 clients, 8 publishes, shared subscription)"
}

check_mosquitto() {
  local dir="$tmp/container" port
  mkdir -p "$dir/data" && chmod 777 "$dir/data"
  port="$(free_port)"
  sed -e "s|^listener 1883 0.0.0.0|listener $port 127.0.0.1|" -e "s|/mosquitto/data/|$dir/data/|" \
      "$here/container/mosquitto.conf" > "$dir/mosquitto.conf"
  chmod 644 "$dir/mosquitto.conf"
  mosquitto -c "$dir/mosquitto.conf" > "$dir/broker.log" 2>&1 &
  broker_pid=$!
  if wait_for_port "$port" 10 && mosquitto_pub -h 127.0.0.1 -p "$port" -t sc/v1/check -m x -q 1; then
    ok "deploy/container/mosquitto.conf loads and accepts a publish"
  else
    fail "deploy/container/mosquitto.conf: $(cat "$dir/broker.log")"
  fi
  kill "$broker_pid" 2>/dev/null; wait "$broker_pid" 2>/dev/null; broker_pid=""
}

check_compose() {
  if ! command -v docker-compose >/dev/null; then fail "compose: docker-compose not installed (apt-get install docker-compose)"; return; fi
  local out
  if out="$(docker-compose -f "$here/container/compose.yaml" config -q 2>&1)"; then ok "docker-compose config deploy/container/compose.yaml"; else fail "compose: $out"; fi
}

check_scripts() {
  local f
  for f in "$here"/*.sh "$here"/kiosk/*.sh; do
    [ -e "$f" ] || continue
    bash -n "$f" || fail "bash -n $f"
  done
  [ "$failed" -eq 0 ] && ok "bash -n deploy scripts"
}

checks=("$@")
[ "${#checks[@]}" -eq 0 ] && checks=(unit acl mosquitto compose scripts)
for c in "${checks[@]}"; do "check_$c"; done
exit "$failed"
