#!/usr/bin/env bash
# Installs what the tests need on Debian/Ubuntu (run as root, or with sudo available):
# a real Postfix + Dovecot for the mail rig, gnome-keyring for a real Secret Service,
# Chromium for the UI tests (with Noto CJK, so Japanese screenshots show real glyphs), swaks as a cross-check, openssl for test certificates, git and
# zip for the first-launch test (a clone of the repository, a stand-in Electron zip); msmtp,
# Django and Cyrus SASL's modules (Postfix's SMTP client login) for the export proofs.
# Nothing is configured or started under /etc: the tests run their own instances.
set -euo pipefail

packages=(
  postfix dovecot-core dovecot-imapd dovecot-lmtpd dovecot-sieve
  gnome-keyring dbus libsecret-tools
  chromium xvfb xauth fonts-liberation fonts-noto-cjk
  swaks libnet-ssleay-perl libio-socket-ssl-perl libauthen-sasl-perl
  openssl ca-certificates
  git zip
  msmtp python3-django libsasl2-modules
)

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "test:deps: all ${#packages[@]} packages are installed"
  exit 0
fi
echo "test:deps: installing ${missing[*]}"
# Postfix asks questions at install time; "No configuration" leaves /etc/postfix unused.
echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
# The Debian packages start system daemons; the tests never use them.
for svc in postfix dovecot; do
  $sudo service "$svc" stop >/dev/null 2>&1 || true
done
