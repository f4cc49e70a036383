#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service (gnome-keyring) on a private D-Bus
# session, the way a Linux desktop provides one. Keyring files live in a temp folder and
# are removed afterwards; nothing of the user's own keyring is touched.
#   scripts/with-keyring.sh COMMAND [ARGS...]
set -euo pipefail

if [ -z "${MAIL_PREFLIGHT_IN_DBUS:-}" ]; then
  export MAIL_PREFLIGHT_IN_DBUS=1
  exec dbus-run-session -- "$0" "$@"
fi

keyring_home=$(mktemp -d /tmp/mail-preflight-keyring.XXXXXX)
keyring_pid=""
cleanup() {
  if [ -n "$keyring_pid" ]; then kill "$keyring_pid" 2>/dev/null || true; fi
  rm -rf "$keyring_home"
}
trap cleanup EXIT
mkdir -p "$keyring_home/runtime" "$keyring_home/data"
chmod 700 "$keyring_home/runtime"

# --unlock reads the new keyring's password from stdin; it must not be empty. In the
# foreground (as a background job of this script) so that its pid is known for certain:
# the daemon outlives the D-Bus session, and other test runs may have their own daemons.
printf 'mail-preflight-test\n' | HOME="$keyring_home" XDG_RUNTIME_DIR="$keyring_home/runtime" \
  XDG_DATA_HOME="$keyring_home/data" gnome-keyring-daemon --foreground --unlock --components=secrets \
  >"$keyring_home/daemon.log" 2>&1 &
keyring_pid=$!

# Wait until our daemon owns the Secret Service name. NameHasOwner asks the bus without
# activating anything: a probe through the Secret Service itself (secret-tool) would make
# D-Bus start a second, locked daemon that may win the name.
for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    break
  fi
  sleep 0.05
done

"$@"
