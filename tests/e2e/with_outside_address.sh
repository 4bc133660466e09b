#!/bin/sh
# Runs a command in a network namespace of its own where 198.18.0.1 (the
# benchmarking range of RFC 2544, never a real network) is an address
# besides loopback, so a test can reach this machine from outside loopback
# without exposing anything. Exits 77, which ctest reports as skipped, when
# no namespace can be made (it needs root or user namespaces).
set -eu
if [ "${HOT_OUTSIDE_NAMESPACE:-}" != 1 ]; then
  if ! unshare -n true 2>/dev/null; then
    echo "skipped: cannot create a network namespace here"
    exit 77
  fi
  HOT_OUTSIDE_NAMESPACE=1 exec unshare -n sh "$0" "$@"
fi
ip link set lo up
ip link add hot-out0 type veth peer name hot-out1
ip addr add 198.18.0.1/15 dev hot-out0
ip link set hot-out0 up
ip link set hot-out1 up
exec "$@"
