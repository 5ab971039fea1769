# shellcheck shell=bash disable=SC2154  # globals (work, pid, display, ...) come from scripts/bench-kiosk
# Sourced by scripts/bench-kiosk: figures of a process tree from /proc.
# A subject runs under setsid, so its session id is its pid and every process
# it starts (Chromium's zygotes, renderers, GPU and utility processes, even
# double-forked ones) shares it.

# session_pids SID: the pids of the session's processes.
session_pids() { { ps -s "$1" -o pid= 2> /dev/null || true; } | tr -d ' '; }

# pss_kib SID: PSS summed over the session, in KiB.
pss_kib() {
  local pid total=0 kib
  for pid in $(session_pids "$1"); do
    kib=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2> /dev/null) || kib=0
    total=$((total + ${kib:-0}))
  done
  echo "$total"
}

# cpu_snapshot SID: "pid ticks" lines, utime+stime of each process (all its threads).
cpu_snapshot() {
  local pid
  for pid in $(session_pids "$1"); do
    # Fields after the command name, whose parentheses may hold spaces.
    sed -E 's/^[0-9]+ \(.*\) //' "/proc/$pid/stat" 2> /dev/null | awk -v p="$pid" '{print p, $12 + $13}'
  done
}

# switch_snapshot SID: "tid switches" lines, voluntary+involuntary context
# switches of each thread (/proc/PID/status alone counts the main thread only).
switch_snapshot() {
  local pid
  for pid in $(session_pids "$1"); do
    awk '/ctxt_switches/ {n[FILENAME] += $2} END {for (f in n) print f, n[f]}' /proc/"$pid"/task/*/status 2> /dev/null |
      sed -E 's|/proc/[0-9]+/task/([0-9]+)/status|\1|'
  done
}

# delta BEFORE AFTER: what the ids of AFTER added since BEFORE (an id new in
# AFTER counts whole; one gone by AFTER is lost: the figure is a lower bound).
delta() {
  awk 'NR == FNR {before[$1] = $2; next} {sum += $2 - before[$1]} END {print sum + 0}' "$1" "$2"
}
