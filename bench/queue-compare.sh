#!/usr/bin/env bash
# The plain-shell recipe of docs/distributed.md, run on one machine (issue 12):
# Redis on a free loopback port, 2 worker processes, a 20,000-run comparison
# (2 arms x 10,000) through the queue and locally: the --json must be
# byte-identical (it has no timing fields with --no-store). Then the same with
# one worker killed (SIGKILL) mid-way and restarted.
#   bench/queue-compare.sh [RUNS_PER_ARM]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10000}
TRUCE="node dist/cli/main.js"
DIR=$(mktemp -d)
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
URL="redis://127.0.0.1:$PORT"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT

redis-server --port "$PORT" --bind 127.0.0.1 --dir "$DIR" --save '' --appendonly yes --maxmemory-policy noeviction > "$DIR/redis.log" &
pids+=($!)
until grep -q 'Ready to accept connections' "$DIR/redis.log"; do sleep 0.1; done

start_worker() { # $1: name; waits for its ready line
  $TRUCE worker --redis "$URL" --concurrency 1 --stall-seconds 10 --verbose 2> "$DIR/$1.log" &
  pids+=($!)
  eval "$1=$!"
  until grep -q ' ready: ' "$DIR/$1.log"; do sleep 0.1; done
}

ARGS=(compare --runs "$RUNS" --seed 7 --json --no-store)
echo "local: truce ${ARGS[*]} --workers 2"
/usr/bin/time -f '  %e s wall' $TRUCE "${ARGS[@]}" --workers 2 > "$DIR/local.json"

start_worker w1
start_worker w2
echo "queue: truce ${ARGS[*]} --queue $URL (2 workers)"
/usr/bin/time -f '  %e s wall' $TRUCE "${ARGS[@]}" --queue "$URL" > "$DIR/queue.json"
cmp "$DIR/local.json" "$DIR/queue.json" && echo "  byte-identical to the local run"

echo "queue, seed 8, worker w1 killed after its third job and restarted"
$TRUCE compare --runs "$RUNS" --seed 8 --json --no-store --workers 2 > "$DIR/local8.json"
$TRUCE compare --runs "$RUNS" --seed 8 --json --no-store --queue "$URL" > "$DIR/queue8.json" &
coord=$!
until [ "$(grep -c ' start ' "$DIR/w1.log")" -ge 4 ]; do sleep 0.1; done
kill -9 "$w1"; echo "  killed w1 mid-job ($(grep -c ' committed ' "$DIR/w1.log") jobs committed)"
start_worker w1
wait "$coord"
cmp "$DIR/local8.json" "$DIR/queue8.json" && echo "  byte-identical to the local run"
$TRUCE queue status --redis "$URL" | head -4
