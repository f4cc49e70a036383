#!/usr/bin/env bash
# The whole test suite, as CI runs it: static checks, the build, then every test on real
# parts (Postfix/Dovecot rig, gnome-keyring Secret Service, Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

step "typecheck"
npm run --silent typecheck
step "lint and format"
npm run --silent lint
step "build (app and CLI)"
npm run --silent build

export MAIL_PREFLIGHT_TEST=1
step "unit, integration, CLI and first-launch tests (vitest, real keychain and mail rig)"
scripts/with-keyring.sh npx vitest run
step "UI end-to-end (Playwright + Chromium, real services)"
scripts/with-keyring.sh npx playwright test
step "Electron shell (skips where the Electron binary cannot be downloaded)"
npx playwright test -c test/electron/playwright.config.ts
