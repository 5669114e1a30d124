#!/usr/bin/env bash
# Loopback-only network namespaces for Stockpot's browser and cluster tests.
#
# Source this file, then:  stockpot_in_netns NAME command [args...]
# The namespace NAME is created on first use with only `lo` up, so everything run
# inside it (JVM, Chromium, Hazelcast) can reach 127.0.0.1 and nothing else.
# Needs root (or CAP_SYS_ADMIN + CAP_NET_ADMIN) and the `ip` tool from iproute2.

# Creates NAME if missing and brings its loopback up. Returns non-zero with a message on failure.
stockpot_netns_create() {
  local name="$1"
  if [ -z "$name" ]; then
    echo "stockpot_netns_create: namespace name required" >&2
    return 2
  fi
  if ! command -v ip >/dev/null 2>&1; then
    echo "stockpot_netns_create: 'ip' (iproute2) not installed" >&2
    return 1
  fi
  if ! ip netns list 2>/dev/null | awk '{print $1}' | grep -qxF -- "$name"; then
    if ! ip netns add "$name"; then
      echo "stockpot_netns_create: cannot create network namespace '$name' (needs root/CAP_SYS_ADMIN)" >&2
      return 1
    fi
  fi
  ip netns exec "$name" ip link set lo up
}

# Runs a command inside the loopback-only namespace NAME (created if needed); returns its status.
stockpot_in_netns() {
  local name="$1"
  if [ $# -lt 2 ]; then
    echo "usage: stockpot_in_netns NAME command [args...]" >&2
    return 2
  fi
  shift
  stockpot_netns_create "$name" || return $?
  ip netns exec "$name" "$@"
}

# Removes NAME; harmless when it does not exist.
stockpot_netns_delete() {
  ip netns delete "$1" 2>/dev/null || true
}
