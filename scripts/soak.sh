#!/usr/bin/env bash
# Soak run: the daemon consumes steady generator traffic for a while (10
# minutes by default) while its resident memory is sampled every minute; at
# the end it prints the samples and whether they stayed flat.
#
# Kafka is the test mock cluster in a process of its own
# (hot-articles-test-kafka), fed by hot-articles-gen, so the daemon's RSS
# holds only the daemon (an embedded cluster would add the broker's growing
# log). Redis is a throw-away redis-server on a free port. Not run in CI.
#
# Settings (environment):
#   SOAK_DURATION   seconds of traffic                          (600)
#   SOAK_RATE       generator events per second                 (200)
#   SOAK_INTERVAL   seconds between RSS samples                 (60)
#   SOAK_TOLERANCE  allowed growth, percent, over the second
#                   half of the run (after warm-up)             (10)
# Extra arguments go to the daemon. Exit code 0 when flat, 1 when not.
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${SOAK_DURATION:-600}"
rate="${SOAK_RATE:-200}"
interval="${SOAK_INTERVAL:-60}"
tolerance="${SOAK_TOLERANCE:-10}"
bin=build/bin
for tool in hot-articles hot-articles-gen hot-articles-test-kafka; do
  if [ ! -x "$bin/$tool" ]; then
    echo "soak: $bin/$tool is missing; build it first" >&2
    exit 1
  fi
done

dir="$(mktemp -d /tmp/hot-articles-soak.XXXXXX)"
# A port nothing listens on (a connect to it is refused).
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (: >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}
redis_port="$(free_port)"
http_port="$(free_port)"
admin_port="$(free_port)"
kafka_pid=""
daemon_pid=""
gen_pid=""

cleanup() {
  [ -n "$gen_pid" ] && kill "$gen_pid" 2>/dev/null || true
  if [ -n "$daemon_pid" ]; then
    kill -TERM "$daemon_pid" 2>/dev/null || true
    wait "$daemon_pid" 2>/dev/null || true
  fi
  # The mock cluster's process ends when its stdin closes.
  exec 3>&- 2>/dev/null || true
  [ -n "$kafka_pid" ] && wait "$kafka_pid" 2>/dev/null || true
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  echo "soak: logs kept in $dir"
}
trap cleanup EXIT

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' \
  --appendonly no --daemonize yes --dir "$dir" --logfile "$dir/redis.log" \
  --pidfile "$dir/redis.pid"

exec 3> >(exec "$bin/hot-articles-test-kafka" >"$dir/kafka.log" 2>&1)
kafka_pid=$!
brokers=""
for _ in $(seq 100); do
  brokers="$(sed -n 's/^BOOTSTRAP //p' "$dir/kafka.log" 2>/dev/null || true)"
  [ -n "$brokers" ] && break
  sleep 0.1
done
if [ -z "$brokers" ]; then
  echo "soak: the mock cluster did not start (see $dir/kafka.log)" >&2
  exit 1
fi

"$bin/hot-articles" --kafka.brokers="$brokers" --kafka.group-id=soak \
  --kafka.property.fetch.wait.max.ms=10 --redis.port="$redis_port" \
  --http.host=127.0.0.1 --http.port="$http_port" \
  --admin.port="$admin_port" --log.throughput-interval=60s "$@" \
  >"$dir/daemon.log" 2>&1 &
daemon_pid=$!
for _ in $(seq 600); do
  curl -sf "http://127.0.0.1:$http_port/health" >/dev/null && break
  sleep 0.1
done
if ! curl -sf "http://127.0.0.1:$http_port/health" >/dev/null; then
  echo "soak: the daemon did not become ready (see $dir/daemon.log)" >&2
  exit 1
fi

"$bin/hot-articles-gen" --brokers "$brokers" --rate "$rate" \
  --duration "${duration}s" --seed 1 --progress-interval 0 \
  >"$dir/gen.log" 2>&1 &
gen_pid=$!

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$daemon_pid/status"; }
consumed() {
  curl -s "http://127.0.0.1:$http_port/metrics" |
    awk '/^hot_articles_events_consumed_total/ { n += $2 } END { print n + 0 }'
}

echo "soak: ${duration}s at $rate events/s, RSS sampled every ${interval}s"
printf '%8s  %10s  %12s\n' "seconds" "RSS (MiB)" "consumed"
samples=()
start=$(date +%s)
while :; do
  elapsed=$(($(date +%s) - start))
  rss=$(rss_kib)
  samples+=("$rss")
  printf '%8d  %10.1f  %12d\n' "$elapsed" "$(mib "$rss")" "$(consumed)"
  [ "$elapsed" -ge "$duration" ] && break
  sleep "$interval"
  if ! kill -0 "$daemon_pid" 2>/dev/null; then
    echo "soak: the daemon exited (see $dir/daemon.log)" >&2
    exit 1
  fi
done
wait "$gen_pid" || true
gen_pid=""

# Flat: over the second half of the run (the first half warms up caches,
# pools and the day's article state), RSS grew by at most the tolerance.
n=${#samples[@]}
mid=${samples[$((n / 2))]}
last=${samples[$((n - 1))]}
growth=$(awk -v a="$mid" -v b="$last" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
echo "soak: RSS $(mib "$mid") MiB at the middle, $(mib "$last") MiB at the end" \
  "(${growth}%)"
if awk -v g="$growth" -v t="$tolerance" 'BEGIN { exit !(g <= t) }'; then
  echo "soak: FLAT (within ${tolerance}%)"
else
  echo "soak: GROWING (more than ${tolerance}% over the second half)"
  exit 1
fi
