#!/usr/bin/env bash
# Runs every package's tests (one package at a time: they share Redis and two cores), then prints
# one closing line summing all jest results: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
rm -f apps/*/.jest-results.json packages/*/.jest-results.json
pnpm exec turbo run test --concurrency=1 "$@"
status=$?
node tools/test-summary.mjs || status=1
exit $status
