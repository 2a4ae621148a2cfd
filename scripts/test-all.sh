#!/usr/bin/env bash
# `npm test`: the whole suite — static checks, unit tests, integration tests against a real
# kube-apiserver (built from Go modules on first use, then cached), and end-to-end tests in Chromium
# against the production server, in demo and live mode (a second control plane, started here).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s\n' "$*"; }
if [ ! -x "${KUBEPATH_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "npm test: Chromium is missing; run scripts/install-test-deps.sh first (README, Quick start)" >&2
  exit 1
fi
step "typecheck";          npx tsc --noEmit
step "lint";               npx eslint .
step "unit tests";         npx vitest run
step "control-plane binaries (built from Go modules on first use, then cached)"
bash scripts/cluster/build.sh
step "integration tests";  npx vitest run -c vitest.integration.config.ts

step "end-to-end tests (system Chromium, production build, live control plane)"
state_dir=$(mktemp -d)
export KUBEPATH_CLUSTER_STATE="$state_dir/cluster-up.json"
cleanup() { npx tsx scripts/cluster/down.ts >/dev/null 2>&1 || true; rm -rf "$state_dir"; }
trap cleanup EXIT
npx tsx scripts/cluster/up.ts
KUBECONFIG=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.env.KUBEPATH_CLUSTER_STATE, "utf8")).kubeconfigPath)')
export KUBECONFIG
npx playwright test
