#!/usr/bin/env bash
# Runs Mognad's benchmarks on this machine and prints the figures recorded in BENCHMARKS.md.
#
#   bench/run.sh            # 10k and 1M answers (the 1M seed takes a few minutes)
#   QUICK=1 bench/run.sh    # 10k answers only
#   ONLY=boards bench/run.sh   # one part: measurement, team, boards, search, plan, demo or import
#   ONLY=boards BOARD_CARDS=100000 bench/run.sh   # the board part on a larger board
#   DB=postgres bench/run.sh   # on PostgreSQL (database mognad_bench on 127.0.0.1:5432, made anew)
#   DB=postgres SERVERS=2 bench/run.sh   # two servers on one PostgreSQL, the clients split between them
#   BENCH_ENV="env MALLOC_ARENA_MAX=2" ONLY=import bench/run.sh   # the servers under another environment
#
# Then the team competence map (500 people × 60 competences) and a 10,000-card board under
# 16 clients moving and creating cards.
#
# Server and load driver run on this machine over loopback; the database is a SQLite file in a
# temporary directory, with the server's settings as shipped (WAL, synchronous = FULL), or a
# PostgreSQL database with the server's defaults (synchronous_commit = on).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p mognad-cli -p mognad-bench
bin=target/release
work=$(mktemp -d)
port=18090
server_pid=
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; rm -rf "$work"' EXIT

servers=${SERVERS:-1}
if [ "${DB:-sqlite}" = postgres ]; then
  pg="${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}"
  db="$pg/mognad_bench"
  reset() {
    psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS mognad_bench" -c "CREATE DATABASE mognad_bench"
  }
else
  db="sqlite:$work/bench.db"
  reset() { rm -f "$work"/bench.db*; }
fi
# The servers' addresses, comma-separated: the load drivers spread their clients over them.
urls=$(for i in $(seq 0 $((servers - 1))); do printf "http://127.0.0.1:%s," $((port + i)); done | sed 's/,$//')
other_pids=
start() {
  for i in $(seq 0 $((servers - 1))); do
    MOGNAD_DATABASE_URL="$db" ${BENCH_ENV:-} $bin/mognad serve --listen 127.0.0.1:$((port + i)) >"$work/server$i.log" 2>&1 &
    if [ "$i" = 0 ]; then server_pid=$!; else other_pids="$other_pids $!"; fi
  done
  for i in $(seq 0 $((servers - 1))); do
    for _ in $(seq 100); do curl -sf http://127.0.0.1:$((port + i))/healthz >/dev/null && break; sleep 0.1; done
    curl -sf http://127.0.0.1:$((port + i))/healthz >/dev/null || { echo "server $i did not start"; cat "$work/server$i.log"; exit 1; }
  done
}
stop() {
  kill $server_pid $other_pids; wait $server_pid $other_pids 2>/dev/null || true; server_pid=; other_pids=
}
rss() { awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$server_pid/status; }

want() { [ -z "${ONLY:-}" ] || [ "$ONLY" = "$1" ]; }

echo "== database: ${DB:-sqlite}, $servers server(s)"
echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
for answers in $(want measurement && echo 10000) $(want measurement && [ -z "${QUICK:-}" ] && echo 1000000); do
  reset
  echo "== $answers stored answers"
  seed=$($bin/mognad-bench seed --db "$db" --responses "$answers" --tokens 30000 --out "$work/tokens.txt")
  echo "$seed"
  org=$(echo "$seed" | sed -E 's/seeded org ([0-9a-f-]+) round ([0-9a-f-]+).*/\1/')
  round=$(echo "$seed" | sed -E 's/seeded org ([0-9a-f-]+) round ([0-9a-f-]+).*/\2/')
  start
  sleep 1
  echo "server RSS idle: $(rss)"
  if [ "$answers" = 10000 ]; then
    $bin/mognad-bench answer --url "$urls" --tokens "$work/tokens.txt" --clients 64
    echo "server RSS after the load: $(rss)"
  fi
  # Results show once a round has closed: this closes it (recording its ledger), then times reads.
  $bin/mognad-bench results --db "$db" --org "$org"
  cookie=$($bin/mognad-bench session --db "$db" --org "$org")
  # The organisation's PDF report (every group in the heatmap, a page per engine), as a reader
  # downloads it: five requests, the median and the slowest.
  for _ in 1 2 3 4 5; do
    curl -s -o "$work/report.pdf" -H "Cookie: $cookie" -w "%{time_total} %{size_download} %{http_code}\n" \
      "http://127.0.0.1:$port/orgs/$org/rounds/$round/results/$org/report.pdf"
  done | sort -n | awk '{t[NR]=$1; size=$2; code=$3} END {printf "organisation report PDF: median %.3f s, max %.3f s over %d runs, %d bytes (HTTP %s)\n", t[int((NR+1)/2)], t[NR], NR, size, code}'
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
reset
seed=$($bin/mognad-bench team-seed --db "$db" --people 500 --competences 60)
echo "$seed"
org=$(echo "$seed" | sed -E 's/seeded team org ([0-9a-f-]+) unit ([0-9a-f-]+).*/\1/')
unit=$(echo "$seed" | sed -E 's/seeded team org ([0-9a-f-]+) unit ([0-9a-f-]+).*/\2/')
start
$bin/mognad-bench team --db "$db" --org "$org" --unit "$unit" --url "http://127.0.0.1:$port" --runs 100
stop

fi

if want boards; then
echo "== boards: a 10,000-card board, 16 clients moving and creating cards over the API"
reset
seed=$($bin/mognad-bench board-seed --db "$db" --cards "${BOARD_CARDS:-10000}")
echo "$seed"
org=$(echo "$seed" | sed -E 's/seeded board org ([0-9a-f-]+) board ([0-9a-f-]+).*/\1/')
board=$(echo "$seed" | sed -E 's/seeded board org ([0-9a-f-]+) board ([0-9a-f-]+).*/\2/')
start
$bin/mognad-bench board --db "$db" --url "$urls" --org "$org" --board "$board" \
  --clients 16 --creates 20000 --moves 20000
echo "server RSS after the load: $(rss)"
stop
fi

if want search; then
echo "== search: 100,000 cards of IT words, searched in process"
reset
$bin/mognad-bench search --db "$db" --cards 100000 --runs 50
fi

if want plan; then
echo "== plan pages: the demo organisation's dashboard, workload, plan, budget cut and timesheet"
reset
seed=$($bin/mognad-bench demo-seed --db "$db")
echo "$seed"
org=$(echo "$seed" | sed -E 's/seeded demo org ([0-9a-f-]+).*/\1/')
start
$bin/mognad-bench plan-pages --db "$db" --org "$org" --url "http://127.0.0.1:$port" --runs 50
stop
fi

if want demo; then
echo "== demo pages: the demo organisation's org chart, relationships, reviews, gap report, framework editor, talent"
reset
seed=$($bin/mognad-bench demo-seed --db "$db")
echo "$seed"
org=$(echo "$seed" | sed -E 's/seeded demo org ([0-9a-f-]+).*/\1/')
start
$bin/mognad-bench demo-pages --db "$db" --org "$org" --url "http://127.0.0.1:$port" --runs 50
stop
fi

if want import; then
echo "== import: 100,000 people from one CSV file over the API, server memory before, during and after"
reset
seed=$($bin/mognad-bench board-seed --db "$db" --cards 10)
org=$(echo "$seed" | sed -E 's/seeded board org ([0-9a-f-]+) board ([0-9a-f-]+).*/\1/')
python3 - "$work/people.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("namn;epost;enhet\n")
    for i in range(100_000):
        f.write(f"Person {i};person{i}@kommun.example;Enhet {i % 50}\n")
PY
start
sleep 1
echo "server RSS before: $(rss)"
cookie=$($bin/mognad-bench session --db "$db" --org "$org" --admin)
( while kill -0 $server_pid 2>/dev/null; do awk '/VmRSS/ {print $2}' /proc/$server_pid/status; sleep 0.05; done ) >"$work/rss.txt" &
sampler=$!
curl -s -o "$work/import.json" -H "Cookie: $cookie; mognad_csrf=bench-token-for-the-import-measure" -H "X-CSRF-Token: bench-token-for-the-import-measure" \
  -H "Content-Type: text/csv" --data-binary "@$work/people.csv" \
  -w "import of 100,000 people: HTTP %{http_code} in %{time_total} s\n" \
  "http://127.0.0.1:$port/api/v1/orgs/$org/import?filename=people.csv&dry_run=false"
kill $sampler 2>/dev/null || true
echo "server RSS peak during the import: $(( $(sort -n "$work/rss.txt" | tail -1) / 1024 )) MiB"
sleep 5
echo "server RSS 5 s after the import: $(rss)"
sleep 10
echo "server RSS 15 s after the import: $(rss)"
if [ -n "${TWICE:-}" ]; then
  sed -i 's/@kommun/@stad/' "$work/people.csv"
  curl -s -o /dev/null -H "Cookie: $cookie; mognad_csrf=bench-token-for-the-import-measure" -H "X-CSRF-Token: bench-token-for-the-import-measure" \
    -H "Content-Type: text/csv" --data-binary "@$work/people.csv" \
    -w "second import: HTTP %{http_code} in %{time_total} s\n" \
    "http://127.0.0.1:$port/api/v1/orgs/$org/import?filename=people.csv&dry_run=false"
  sleep 5
  echo "server RSS 5 s after the second import: $(rss)"
fi
head -c 300 "$work/import.json"; echo
stop
fi
