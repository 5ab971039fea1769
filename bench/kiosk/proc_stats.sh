# shellcheck shell=bash disable=SC2154  # globals (work, pid, display, ...) come from scripts/bench-kiosk
# Sourced by scripts/bench-kiosk: figures of a process tree from /proc.
# A subject runs under setsid, so its session id is its pid and every process
# it starts (Chromium's zygotes, renderers, GPU and utility processes, even
# double-forked ones) shares it.

# session_pids SID: the pids of the session's processes.
session_pids() { { ps -s "$1" -o pid= 2> /dev/null || true; } | tr -d ' '; }

# mem_kib SID: "pss rss dirty" in KiB, each summed over the session (smaps_rollup).
# RSS counts a shared page whole and private dirty pages (heap, stacks, written
# data) are the process's own, so unlike PSS neither moves when another process
# on the machine maps the same libraries.
mem_kib() {
  local pid
  for pid in $(session_pids "$1"); do
    awk '/^Pss:/ {p = $2} /^Rss:/ {r = $2} /^Private_Dirty:/ {d = $2} END {print p + 0, r + 0, d + 0}' \
      "/proc/$pid/smaps_rollup" 2> /dev/null || true
  done | awk '{p += $1; r += $2; d += $3} END {print p + 0, r + 0, d + 0}'
}

# mappings_kib SID: "name rss pss private_dirty" per mapped file ([heap], [anon]
# and so on for the rest), in KiB, summed over the session's processes.
mappings_kib() {
  local pid
  for pid in $(session_pids "$1"); do cat "/proc/$pid/smaps" 2> /dev/null || true; done | awk '
    /^[0-9a-f]+-[0-9a-f]+ / {name = (NF >= 6) ? $6 : "[anon]"; sub(/.*\//, "", name); next}
    /^Rss:/ {r[name] += $2} /^Pss:/ {p[name] += $2} /^Private_Dirty:/ {d[name] += $2}
    END {for (n in r) print n, r[n], p[n], d[n]}'
}

# sharers FILE_PART: how many processes on the machine map a file whose path
# contains FILE_PART (PSS splits those pages between all of them).
sharers() { grep -l -F -- "$1" /proc/[0-9]*/maps 2> /dev/null | wc -l; }

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
