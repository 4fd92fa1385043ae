#!/usr/bin/env bash
# The whole suite, as CI runs it: unit tests, integration tests on PGlite and on a real
# PostgreSQL server (started by the test setup), then one production build reused by a
# smoke run of the benchmarks, the Playwright end-to-end tests in Chromium and the
# process-level reliability tests.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

step "type check"
npx tsc --noEmit

step "unit tests"
npx vitest run --project unit

step "integration tests on PGlite"
CUE_TEST_DB=pglite npx vitest run --project integration

step "integration tests on PostgreSQL"
CUE_TEST_DB=postgres npx vitest run --project integration

step "production build"
npx next build

step "benchmark smoke run: every scenario for a moment, on that build (figures only checked to be finite)"
CUE_BENCH_DIST=.next npm run bench -- --smoke

step "end-to-end tests in Chromium"
npx playwright test

step "reliability tests: the built server on PostgreSQL, killed, tripled, cut off"
npx vitest run --project reliability
