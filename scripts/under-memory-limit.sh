#!/usr/bin/env bash
# Runs a command with a memory limit on it and all its children (what a Flex Consumption instance has: 2 GB by
# default), in a cgroup of its own: v2 (memory.max) or v1 (memory.limit_in_bytes), whichever the machine mounts.
# Needs root (or a delegated cgroup). Prints the cgroup's peak and how often the limit was hit, and exits with the
# command's status: a process the kernel kills for memory shows as exit 137.
#   bash scripts/under-memory-limit.sh 2G dotnet tools/CustomsFn.Bench/bin/Release/net10.0/customs-bench.dll --only hostile-host
set -euo pipefail
limit="${1:?usage: under-memory-limit.sh LIMIT COMMAND...  (LIMIT like 2G or 2147483648)}"
shift
bytes=$(numfmt --from=iec "$limit")
name="customsfn-limit-$$"
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  group="/sys/fs/cgroup/$name"
  mkdir "$group"
  echo "$bytes" > "$group/memory.max"
  echo 0 > "$group/memory.swap.max" 2>/dev/null || true
  peak_file="$group/memory.peak"; events="$group/memory.events"
else
  group="/sys/fs/cgroup/memory/$name"
  mkdir "$group"
  echo "$bytes" > "$group/memory.limit_in_bytes"
  echo "$bytes" > "$group/memory.memsw.limit_in_bytes" 2>/dev/null || true
  peak_file="$group/memory.max_usage_in_bytes"; events="$group/memory.oom_control"
fi
cleanup() { rmdir "$group" 2>/dev/null || true; }
trap cleanup EXIT
set +e
( echo "$BASHPID" > "$group/cgroup.procs"; exec "$@" )
status=$?
set -e
peak=$(cat "$peak_file" 2>/dev/null || echo 0)
echo "under-memory-limit: limit $(numfmt --to=iec "$bytes"), peak of the command and its children $(numfmt --to=iec "$peak"), memory events: $(tr '\n' ' ' < "$events"), exit $status"
exit "$status"
