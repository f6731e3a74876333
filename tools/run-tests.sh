#!/usr/bin/env bash
# Runs every package's tests (one package at a time: they share Redis and two cores), then prints
# one closing line summing all jest results: "N passed, N failed, N skipped". A failing package does
# not stop the others (--continue=always): the line counts the whole suite, and the exit code is
# non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -f apps/*/.jest-results.json packages/*/.jest-results.json
pnpm exec turbo run test --concurrency=1 --continue=always "$@"
status=$?
# With no filter every package must report; with one (e.g. --filter=…) only those that ran count.
if [ $# -eq 0 ]; then summary_args=(--expect-all); else summary_args=(); fi
node tools/test-summary.mjs ${summary_args[@]+"${summary_args[@]}"} || status=1
exit $status
