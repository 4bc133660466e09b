#!/usr/bin/env bash
# Runs the daemon as a new user would: embedded mode (an in-process mock
# Kafka cluster fed by the built-in generator) against Redis on
# 127.0.0.1:${HOT_ARTICLES_REDIS_PORT:-6379}, starting a throw-away
# redis-server there when none answers. Extra arguments go to the daemon.
set -euo pipefail
cd "$(dirname "$0")/.."

daemon=build/bin/hot-articles
if [ ! -x "$daemon" ]; then
  echo "run: $daemon is missing; build first (see README.md)" >&2
  exit 1
fi

port="${HOT_ARTICLES_REDIS_PORT:-6379}"
http_port="${HOT_ARTICLES_HTTP_PORT:-8080}"
admin_port="${HOT_ARTICLES_ADMIN_PORT:-8081}"
redis_dir=""

stop_redis() {
  if [ -n "$redis_dir" ]; then
    redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
    rm -rf "$redis_dir"
  fi
}
trap stop_redis EXIT

if redis-cli -p "$port" ping >/dev/null 2>&1; then
  echo "run: using the Redis already on 127.0.0.1:$port"
else
  redis_dir="$(mktemp -d /tmp/hot-articles-redis.XXXXXX)"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --dir "$redis_dir" --logfile "$redis_dir/redis.log" \
    --pidfile "$redis_dir/redis.pid"
  for _ in $(seq 100); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
    echo "run: redis-server did not start on port $port (see $redis_dir/redis.log)" >&2
    exit 1
  fi
  echo "run: started redis-server on 127.0.0.1:$port (removed on exit)"
fi

# The daemon prints where to look once it runs: it knows its own
# settings (time zone, generator, ports) better than this script.
echo "run: starting build/bin/hot-articles $*"

# Not exec: the trap must still stop the Redis started above.
"$daemon" --redis.port="$port" --http.port="$http_port" \
  --admin.port="$admin_port" "$@"
