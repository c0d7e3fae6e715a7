#!/usr/bin/env bash
# `npm start`: builds the package, installs Node 24 and n8n into .runtime/ on first use, starts
# the Walmart emulator and n8n (http://localhost:5678) with the package and the examples loaded.
# Ctrl-C stops everything it started. Arguments are passed on (see scripts/start.js).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# --queue: the same package in n8n's queue mode (Redis, PostgreSQL, main process and workers).
for arg in "$@"; do
	if [ "$arg" = "--queue" ]; then exec node scripts/queue.js "$@"; fi
done
exec node scripts/start.js "$@"
