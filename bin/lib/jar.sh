#!/usr/bin/env bash
# Builds a Stockpot runnable jar with Maven when it is missing or older than the sources it is
# made from. Shared by bin/stockpot and bin/stockpot-peer.

# stockpot_jar_stale ROOT JAR [EXTRA_FIND_PREDICATES...]: true when JAR is missing, or when a
# main source, a pom.xml, or a file matching the extra `find` predicates is newer than it.
stockpot_jar_stale() {
  local root="$1" jar="$2"
  shift 2
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$root" \( -path '*/src/main/*' -o -name pom.xml "$@" \) -newer "$jar" \
      -not -path '*/node_modules/*' -not -path '*/target/*' -print -quit)" ]
}

# stockpot_build_jar ROOT MODULE NAME: `mvn package` of MODULE and the modules it needs.
stockpot_build_jar() {
  local root="$1" module="$2" name="$3"
  echo "$name: building the jar (mvn package -pl $module -am)..." >&2
  (cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests -pl "$module" -am package) >&2
}
