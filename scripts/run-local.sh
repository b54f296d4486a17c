#!/usr/bin/env bash
# Runs LeadHandoff locally: Azurite for storage, then the function app under `func start` (Azure
# Functions Core Tools, or the stand-in in ../shared/functions-host) with the root host.json and the
# sample settings. Ctrl+C or SIGTERM stops the host first and storage second, and leaves nothing running.
#
# Environment: AZURITE_BLOB_PORT / AZURITE_QUEUE_PORT / AZURITE_TABLE_PORT (default 10000-10002),
# FUNC_PORT (default 7071).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

blob_port="${AZURITE_BLOB_PORT:-10000}"
queue_port="${AZURITE_QUEUE_PORT:-10001}"
table_port="${AZURITE_TABLE_PORT:-10002}"
func_port="${FUNC_PORT:-7071}"

die() { echo "run-local: $*" >&2; exit 1; }

if ! command -v func >/dev/null 2>&1; then
  cat >&2 <<'MSG'
Azure Functions Core Tools ('func', version 4) is not installed, and the function app needs it to run.
Install it with one of:
  npm install -g azure-functions-core-tools@4 --unsafe-perm true
  (Debian/Ubuntu) add Microsoft's package feed, then: sudo apt-get install azure-functions-core-tools-4
  (macOS) brew tap azure/functions && brew install azure-functions-core-tools@4
  (Windows) winget install Microsoft.Azure.FunctionsCoreTools
Where Core Tools cannot be installed, put the stand-in on PATH instead:
  PATH="$PWD/../shared/functions-host:$PATH" scripts/run-local.sh
See https://learn.microsoft.com/azure/azure-functions/functions-run-local. The tests need none of this: dotnet test.
MSG
  exit 1
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$blob_port" "$queue_port" "$table_port" "$func_port"; do
  if port_in_use "$p"; then
    die "port $p is already in use (another Azurite or func?). Stop that process, or choose other ports with AZURITE_BLOB_PORT, AZURITE_QUEUE_PORT, AZURITE_TABLE_PORT and FUNC_PORT."
  fi
done

settings=src/LeadHandoff.Functions/local.settings.json
if [ ! -f "$settings" ]; then
  cp src/LeadHandoff.Functions/local.settings.example.json "$settings"
  echo "Created $settings from the example; edit it to taste (it is not committed)."
fi

[ -d node_modules/azurite ] || npm ci --no-audit --no-fund

# Build to a folder of its own and start the host there: it holds host.json, local.settings.json,
# worker.config.json and functions.metadata, which is all 'func start' needs.
dotnet build src/LeadHandoff.Functions -c Debug -o artifacts/run -v quiet -nologo

azurite_pid=""
func_pid=""
stopping=""
# The host first, so that it releases its timer locks while storage still answers; then storage.
stop_all() {
  [ -n "$stopping" ] && return
  stopping=1
  if [ -n "$func_pid" ] && kill -0 "$func_pid" 2>/dev/null; then
    echo "Stopping the function host ..." >&2
    kill -TERM "$func_pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$func_pid" 2>/dev/null || break; sleep 0.2; done
    # Still there after 30 s: take the host and its worker down hard.
    if kill -0 "$func_pid" 2>/dev/null; then
      pkill -KILL -P "$func_pid" 2>/dev/null || true
      kill -KILL "$func_pid" 2>/dev/null || true
    fi
  fi
  if [ -n "$azurite_pid" ] && kill -0 "$azurite_pid" 2>/dev/null; then
    echo "Stopping Azurite ..." >&2
    kill -TERM "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
  fi
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM HUP
trap 'stop_all' EXIT

mkdir -p artifacts/azurite artifacts/outbox
# In a session of its own, so that the terminal's Ctrl+C does not stop storage under the host:
# stop_all stops it, after the host.
setsid node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry --location artifacts/azurite \
  --blobPort "$blob_port" --queuePort "$queue_port" --tablePort "$table_port" &
azurite_pid=$!
for _ in $(seq 1 100); do
  kill -0 "$azurite_pid" 2>/dev/null || die "Azurite exited before it listened (see its message above)."
  port_in_use "$table_port" && port_in_use "$blob_port" && break
  sleep 0.2
done
port_in_use "$table_port" || die "Azurite did not listen on port $table_port within 20 s."

dev="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
# Variables set here win over local.settings.json, under Core Tools and the stand-in alike. The outbox
# lives outside the script root: a new folder there makes the host restart mid-run.
export AzureWebJobsStorage="${AzureWebJobsStorage:-$dev}"
export Storage__ConnectionString="${Storage__ConnectionString:-$dev}"
export Email__OutboxPath="${Email__OutboxPath:-$root/artifacts/outbox}"
echo "Emails go to $Email__OutboxPath as .eml files (unless Email:SendGridApiKey is set)."

cd artifacts/run
# func runs in the background so that this script's traps run on a signal; `wait` returns on one.
func start --port "$func_port" &
func_pid=$!
set +e
wait "$func_pid"
status=$?
set -e
func_pid=""
exit "$status"
