#!/usr/bin/env bash
# Finds a JDK 21+ for Stockpot: JAVA_HOME, then `java` on PATH, then /usr/lib/jvm/*.

stockpot_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

stockpot_find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  local dir
  for dir in /usr/lib/jvm/*/; do
    candidates+=("${dir}bin/java")
  done
  local c major best="" best_major=0
  for c in "${candidates[@]}"; do
    [ -x "$c" ] || continue
    major="$(stockpot_java_major "$c")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$c"
      best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "stockpot: no JDK 21 or newer found (set JAVA_HOME, or install one under /usr/lib/jvm)" >&2
    return 1
  fi
  echo "$best"
}
