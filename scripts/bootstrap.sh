#!/usr/bin/env bash
# Set up bulletin_export on a fresh Debian/Ubuntu machine: the system packages it uses
# (free CJK fonts, poppler-utils, LibreOffice Writer for the DOCX checks) and a
# virtual environment in .venv with the package and its test tools.
# Safe to run again; it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-pip fontconfig
  fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei fonts-noto-cjk fonts-liberation2
  poppler-utils libreoffice-writer-nogui
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "bootstrap: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's chromium, for the web page's browser tests (Playwright drives /usr/bin/chromium).
# Not fatal: where the distribution has no such package (Ubuntu ships it as a snap) the
# browser tests of tests/web skip and say why; everything else works without it.
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "bootstrap: installing chromium" >&2
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null; } ||
    echo "bootstrap: chromium could not be installed; the browser tests of tests/web will be skipped" >&2
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test,web]'
# browser and route tests of the web page: Playwright drives Debian's chromium (never its own
# browser download: `playwright install` is not run); httpx for Starlette's TestClient
.venv/bin/python -m pip install -q --disable-pip-version-check 'playwright>=1.40' 'httpx>=0.27'
# ofd.js, the independent OFD reader of tests/ofd (versions pinned in tests/ofd/js/package-lock.json)
if ! command -v npm >/dev/null 2>&1; then
  echo "bootstrap: installing nodejs npm" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
[ -f tests/ofd/js/node_modules/ofd.js/lib/ofd.umd.min.js ] ||
  (cd tests/ofd/js && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
echo "bootstrap: ready (.venv/bin/bulletin-export)" >&2
