#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed at /usr/bin/chromium for scripts/screenshots.js.
# Playwright's own browser download cannot work here (only the npm registry and Debian's
# packages are reachable), so the screenshots use the distribution's build. Instant when present.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "Chromium is missing: install it with 'sudo apt-get install chromium' and rerun." >&2
	exit 1
fi
started=$(date +%s)
echo "[chromium] installing Debian's chromium package (about a minute)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Recommends stay off (they pull in a desktop's worth of packages); one font family is enough for
# n8n's editor to render text in the screenshots.
apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
echo "[chromium] $(/usr/bin/chromium --version) installed in $(($(date +%s) - started)) s" >&2
