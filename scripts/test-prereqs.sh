#!/usr/bin/env bash
# What the test suite needs beside npm packages, installed or started when missing:
#   - Chromium from Debian's packages, for the browser tests (e2e/);
#   - PostgreSQL on 127.0.0.1:5432, because every repository and API test also runs on PostgreSQL;
#   - Mosquitto on 127.0.0.1:1883, the external MQTT broker of the persistent-session ingest test.
# Safe to run again: it does nothing when they are there.
set -euo pipefail

CHROMIUM="${SIEVERT_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-prereqs: installing Debian's chromium for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-noto-core >/dev/null
  else
    echo "test-prereqs: $CHROMIUM is missing; install Debian's chromium (apt-get install chromium) or set SIEVERT_CHROMIUM" >&2
    exit 1
  fi
fi

pg_up() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h 127.0.0.1 -p 5432
  else
    (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null
  fi
}

if ! pg_up; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "test-prereqs: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
    for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  fi
  if ! pg_up; then
    echo "test-prereqs: PostgreSQL is not reachable on 127.0.0.1:5432; the tests need it (see README, Testing)" >&2
    exit 1
  fi
fi
mqtt_up() { (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null; }
if ! mqtt_up; then
  if ! command -v mosquitto >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-prereqs: installing Debian's mosquitto for the MQTT tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends mosquitto >/dev/null
  fi
  if command -v mosquitto >/dev/null 2>&1; then
    echo "test-prereqs: starting Mosquitto"
    if [ -f /etc/mosquitto/mosquitto.conf ]; then mosquitto -d -c /etc/mosquitto/mosquitto.conf || true; fi
    for _ in $(seq 1 10); do mqtt_up && break; sleep 1; done
    # A configuration that does not listen on 1883: start a plain local one.
    mqtt_up || mosquitto -d -p 1883 || true
    for _ in $(seq 1 10); do mqtt_up && break; sleep 1; done
  fi
  if ! mqtt_up; then
    echo "test-prereqs: no MQTT broker on 127.0.0.1:1883 (Mosquitto); the tests need it (see README, Testing)" >&2
    exit 1
  fi
fi
echo "test-prereqs: chromium, PostgreSQL and Mosquitto are ready"
