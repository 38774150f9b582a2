#!/bin/sh
# Runs a command against a real Secret Service: a private D-Bus session with its own unlocked
# gnome-keyring, so keytar talks to the same daemon a Linux desktop has. Nothing touches the
# user's own keyring. Usage: sh tests/harness/with-keyring.sh COMMAND [ARGS...]
set -eu
if [ -n "${KEYFRONT_TEST_KEYRING:-}" ]; then exec "$@"; fi
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "with-keyring: $tool is missing (apt-get install dbus gnome-keyring)" >&2; exit 1; }
done
export KEYFRONT_TEST_KEYRING=1
exec dbus-run-session -- sh -c '
  keyring_home=$(mktemp -d)
  export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run"
  mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
  echo ci-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  "$@"; status=$?
  rm -rf "$keyring_home"
  exit $status
' with-keyring "$@"
