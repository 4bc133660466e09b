#!/usr/bin/env bash
# Installs every build, test and run dependency from Debian 12 packages.
# Idempotent: when everything is already present it only checks, which is fast.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libcaf-dev librdkafka-dev libhiredis-dev nlohmann-json3-dev catch2
  libcpp-httplib-dev libsimdjson-dev libhowardhinnant-date-dev tzdata libabsl-dev
  libedit-dev libncurses-dev libboost-dev libcli11-dev
  redis-server kcat tmux curl procps docker-compose wrk prometheus
  clang-14 libclang-rt-14-dev clang-format
)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
