#!/usr/bin/env bash
# Debian's chromium for the portal's browser tests (Playwright drives it; never `playwright install`).
# Installs the package when /usr/bin/chromium is missing (apt-get update first); does nothing otherwise.
#   chromium.sh            install if missing, then print the version
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ ! -x $CHROMIUM ]]; then
    echo "==> installing Debian chromium (browser tests)"
    SUDO=""
    [[ $(id -u) -eq 0 ]] || SUDO="sudo"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
[[ -x $CHROMIUM ]] || { echo "chromium.sh: $CHROMIUM still missing after install" >&2; exit 1; }
echo "    ok $("$CHROMIUM" --version 2>/dev/null | head -1)"
