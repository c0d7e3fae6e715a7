#!/usr/bin/env bash
# The README's test command (`npm test`): build, strict lint, type-check the JavaScript tooling,
# install the real n8n runtime the end-to-end tests need, then every jest suite (unit, emulator,
# engine, end-to-end). Ends with the plain totals line `N passed, N failed`.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p .tmp

step() { printf '\n==> %s\n' "$1"; }
fail() { printf '\n%s\n0 passed, 1 failed\n' "$1"; exit 1; }

step 'build'
npm run -s build || fail 'Build failed.'

step 'lint (n8n-node lint, strict)'
npm run -s lint || fail 'Lint failed.'

step 'type-check emulator, scripts and tests'
npx tsc -p tsconfig.check.json || fail 'Type-check of the JavaScript tooling failed.'

if [ -f scripts/runtime.sh ] && [ "${SKIP_E2E:-}" != "1" ]; then
	step 'real n8n runtime (Node 24 + n8n, reused when present)'
	bash scripts/runtime.sh || fail 'Installing the n8n runtime failed.'
fi

step 'jest'
jest_args=(--runInBand --json --outputFile=.tmp/jest-results.json)
if [ "${SKIP_E2E:-}" = "1" ]; then jest_args+=(--testPathIgnorePatterns /test/e2e/ --testPathIgnorePatterns /test/queue/); fi
npx jest "${jest_args[@]}" "$@"
jest_status=$?

node -e '
const results = require("./.tmp/jest-results.json");
const skipped = results.numPendingTests + results.numTodoTests;
const failedSuites = results.testResults.filter((suite) => suite.status === "failed" && suite.assertionResults.length === 0).length;
console.log(`${results.numPassedTests} passed, ${results.numFailedTests + failedSuites} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || { echo '0 passed, 1 failed'; exit 1; }
exit $jest_status
