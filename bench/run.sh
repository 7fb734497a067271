#!/usr/bin/env bash
# Runs Mognad's benchmarks on this machine and prints the figures recorded in BENCHMARKS.md.
#
#   bench/run.sh            # 10k and 1M answers (the 1M seed takes a few minutes)
#   QUICK=1 bench/run.sh    # 10k answers only
#   ONLY=boards bench/run.sh   # one part: measurement, team or boards
#
# Then the team competence map (500 people × 60 competences) and a 10,000-card board under
# 16 clients moving and creating cards.
#
# Server and load driver run on this machine over loopback; the database is a SQLite file in a
# temporary directory, with the server's settings as shipped (WAL, synchronous = FULL).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p mognad-cli -p mognad-bench
bin=target/release
work=$(mktemp -d)
port=18090
server_pid=
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; rm -rf "$work"' EXIT

start() {
  MOGNAD_DATABASE_URL="sqlite:$work/bench.db" $bin/mognad serve --listen 127.0.0.1:$port >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 50); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && return; sleep 0.1; done
  echo "server did not start"; cat "$work/server.log"; exit 1
}
stop() { kill $server_pid; wait $server_pid 2>/dev/null || true; server_pid=; }
rss() { awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$server_pid/status; }

want() { [ -z "${ONLY:-}" ] || [ "$ONLY" = "$1" ]; }

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
for answers in $(want measurement && echo 10000) $(want measurement && [ -z "${QUICK:-}" ] && echo 1000000); do
  rm -f "$work"/bench.db*
  echo "== $answers stored answers"
  seed=$($bin/mognad-bench seed --db "sqlite:$work/bench.db" --responses "$answers" --tokens 30000 --out "$work/tokens.txt")
  echo "$seed"
  org=$(echo "$seed" | sed -E 's/seeded org ([0-9a-f-]+) round ([0-9a-f-]+).*/\1/')
  round=$(echo "$seed" | sed -E 's/seeded org ([0-9a-f-]+) round ([0-9a-f-]+).*/\2/')
  start
  sleep 1
  echo "server RSS idle: $(rss)"
  if [ "$answers" = 10000 ]; then
    $bin/mognad-bench answer --url "http://127.0.0.1:$port" --tokens "$work/tokens.txt" --clients 64
    echo "server RSS after the load: $(rss)"
  fi
  # Results show once a round has closed: this closes it (recording its ledger), then times reads.
  $bin/mognad-bench results --db "sqlite:$work/bench.db" --org "$org"
  cookie=$($bin/mognad-bench session --db "sqlite:$work/bench.db" --org "$org")
  peak=0
  ( while kill -0 $server_pid 2>/dev/null; do awk '/VmRSS/ {print $2}' /proc/$server_pid/status; sleep 0.05; done ) >"$work/rss.txt" &
  sampler=$!
  curl -s -o /dev/null -H "Cookie: $cookie" \
    -w "answers CSV export: %{size_download} bytes in %{time_total} s (HTTP %{http_code})\n" \
    "http://127.0.0.1:$port/orgs/$org/rounds/$round/answers.csv"
  kill $sampler 2>/dev/null || true
  peak=$(sort -n "$work/rss.txt" | tail -1)
  echo "server RSS peak during the export: $((peak / 1024)) MiB"
  stop
done

if want team; then
echo "== team competence map: 500 people × 60 competences"
rm -f "$work"/bench.db*
seed=$($bin/mognad-bench team-seed --db "sqlite:$work/bench.db" --people 500 --competences 60)
echo "$seed"
org=$(echo "$seed" | sed -E 's/seeded team org ([0-9a-f-]+) unit ([0-9a-f-]+).*/\1/')
unit=$(echo "$seed" | sed -E 's/seeded team org ([0-9a-f-]+) unit ([0-9a-f-]+).*/\2/')
start
$bin/mognad-bench team --db "sqlite:$work/bench.db" --org "$org" --unit "$unit" --url "http://127.0.0.1:$port" --runs 100
stop

fi

if want boards; then
echo "== boards: a 10,000-card board, 16 clients moving and creating cards over the API"
rm -f "$work"/bench.db*
seed=$($bin/mognad-bench board-seed --db "sqlite:$work/bench.db" --cards 10000)
echo "$seed"
org=$(echo "$seed" | sed -E 's/seeded board org ([0-9a-f-]+) board ([0-9a-f-]+).*/\1/')
board=$(echo "$seed" | sed -E 's/seeded board org ([0-9a-f-]+) board ([0-9a-f-]+).*/\2/')
start
$bin/mognad-bench board --db "sqlite:$work/bench.db" --url "http://127.0.0.1:$port" --org "$org" --board "$board" \
  --clients 16 --creates 20000 --moves 20000
echo "server RSS after the load: $(rss)"
stop
fi
