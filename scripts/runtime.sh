#!/usr/bin/env bash
# Installs Node 24 and n8n into the git-ignored .runtime/ folder (instant once installed).
# The logic lives in scripts/lib/runtime.js so that the launcher and the tests share it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec node scripts/lib/runtime.js "$@"
