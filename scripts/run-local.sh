#!/usr/bin/env bash
# Runs LeadHandoff locally: Azurite for storage, then the function app under Azure Functions Core
# Tools with the root host.json and the sample settings. Ctrl+C stops both.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! command -v func >/dev/null 2>&1; then
  cat >&2 <<'MSG'
Azure Functions Core Tools ('func', version 4) is not installed, and the function app needs it to run.
Install it with one of:
  npm install -g azure-functions-core-tools@4 --unsafe-perm true
  (Debian/Ubuntu) add Microsoft's package feed, then: sudo apt-get install azure-functions-core-tools-4
  (macOS) brew tap azure/functions && brew install azure-functions-core-tools@4
  (Windows) winget install Microsoft.Azure.FunctionsCoreTools
See https://learn.microsoft.com/azure/azure-functions/functions-run-local. The tests need none of this: dotnet test.
MSG
  exit 1
fi

settings=src/LeadHandoff.Functions/local.settings.json
if [ ! -f "$settings" ]; then
  cp src/LeadHandoff.Functions/local.settings.example.json "$settings"
  echo "Created $settings from the example; edit it to taste (it is not committed)."
fi

[ -d node_modules/azurite ] || npm ci --no-audit --no-fund
mkdir -p artifacts/azurite
node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry --location artifacts/azurite &
azurite=$!
trap 'kill $azurite 2>/dev/null || true' EXIT

# Build to a folder of its own and start the host there: it holds host.json, local.settings.json,
# worker.config.json and functions.metadata, which is all 'func start' needs.
dotnet build src/LeadHandoff.Functions -c Debug -o artifacts/run
cd artifacts/run
func start
