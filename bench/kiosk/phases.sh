# shellcheck shell=bash disable=SC2154  # globals (work, pid, display, ...) come from scripts/bench-kiosk
# Sourced by scripts/bench-kiosk: the measurements. Each writes "key value"
# lines into $work/results, which report.sh turns into the table.

put() { echo "$1 $2" >> "$work/results"; }
get() { awk -v k="$1" '$1 == k {sub(/^[^ ]+ /, ""); v = $0} END {print v}' "$work/results" 2> /dev/null; }
median() { sort -n | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]}'; }

# Cold start to first frame: the apps' own figure (from the kernel's process
# start, 10 ms resolution). The first start of each app is a warm-up: it fills
# Mesa's shader cache and, for the kiosk, creates the demo store.
run_cold_starts() {
  echo "== cold start to first frame: $starts starts of each app (after a warm-up), Xvfb"
  start_xvfb
  local what i ms
  for what in kiosk bare; do
    : > "$work/starts-$what"
    for i in $(seq 0 "$starts"); do
      start_subject "start-$what-$i" "$what" x11
      ms=$(first_frame_ms "start-$what-$i")
      stop_session "$pid"
      [ -n "$ms" ] || { echo "bench-kiosk: $what showed no first frame"; cat "$work/start-$what-$i.log"; exit 1; }
      [ "$i" -eq 0 ] || echo "$ms" >> "$work/starts-$what"
    done
    put "first_$what" "$(median < "$work/starts-$what")"
    echo "  $what: $(tr '\n' ' ' < "$work/starts-$what")ms"
  done
  put renderer "$(grep -o 'pilote [a-z0-9]*, rendu [a-z0-9]*' "$work/start-kiosk-1.log" | head -1)"
  stop_session "$xvfb_pid"
}

# drag_list SECONDS: finger-like mouse drags on the network list, up then down,
# 20 moves 16 ms apart each way, until SECONDS have passed.
drag_list() {
  local end=$((SECONDS + $1)) from to step args
  while ((SECONDS < end)); do
    for from in 420 120; do
      to=$((540 - from))
      args=(mousemove 400 "$from" mousedown 1)
      for step in $(seq 1 20); do args+=(sleep 0.016 mousemove 400 $((from + (to - from) * step / 20))); done
      # Released moving: the list glides on before the next drag.
      DISPLAY=$display xdotool "${args[@]}" mouseup 1 sleep 0.5
    done
  done
}

# scroll_pass NAME SECONDS: the kiosk opens "Autres lieux" and, when SECONDS > 0,
# its list is dragged; the CPU of the drags (and the glides after) is recorded.
scroll_pass() {
  start_subject "$1" kiosk x11
  [ -n "$(first_frame_ms "$1")" ] || { echo "bench-kiosk: no first frame"; cat "$work/$1.log"; exit 1; }
  DISPLAY=$display xdotool search --sync --name '^cowork-kiosk$' > /dev/null
  DISPLAY=$display xdotool mousemove 497 397 click 1  # "Autres lieux" on Home at 800x480
  sleep 1.5
  if (($2 > 0)); then
    cpu_snapshot "$pid" > "$work/scroll.before"
    local t0=$EPOCHREALTIME
    drag_list "$2"
    sleep 1.5  # the last glide ends
    cpu_snapshot "$pid" > "$work/scroll.after"
    put scroll_ticks "$(delta "$work/scroll.before" "$work/scroll.after")"
    put scroll_seconds "$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}')"
  fi
  stop_session "$pid"
}

# Frames while scrolling: the kiosk logs its frame count at exit; a pass that
# only opens the list counts the frames that are not the scroll's.
run_scroll() {
  echo "== scrolling the network list: $scroll s of drags with xdotool, Xvfb"
  start_xvfb
  scroll_pass nav-only 0
  scroll_pass scroll "$scroll"
  put scroll_frames $(($(frames scroll) - $(frames nav-only)))
  stop_session "$xvfb_pid"
}

# measure_group SETTLE NAME:WHAT:DRIVER...: starts the subjects together on a
# fresh Xvfb, lets them settle, then measures CPU and context switches over the
# idle window and reads PSS at its end.
measure_group() {
  local settle=$1 spec name what driver
  shift
  start_xvfb
  local names=() pids=()
  for spec in "$@"; do
    IFS=: read -r name what driver <<< "$spec"
    start_subject "$name" "$what" "$driver"
    names+=("$name") pids+=("$pid")
  done
  local started=$SECONDS wait_s=$((duration - idle))
  ((wait_s > settle)) || wait_s=$settle
  sample_memory $((started + wait_s)) "$started" names pids
  snapshot_all before "$xvfb_pid" "${pids[@]}"
  sample_memory $((SECONDS + idle)) "$started" names pids
  snapshot_all after "$xvfb_pid" "${pids[@]}"
  local i elapsed=$((SECONDS - started)) mem
  for i in "${!names[@]}"; do
    put "elapsed_${names[$i]}" "$elapsed"
    mem=$(mem_kib "${pids[$i]}")
    put "pss_${names[$i]}" "${mem%% *}"
    put "rss_${names[$i]}" "$(cut -d' ' -f2 <<< "$mem")"
    put "dirty_${names[$i]}" "${mem##* }"
    echo "$elapsed $mem" >> "$work/mem.${names[$i]}"
    mappings_kib "${pids[$i]}" > "$work/mappings.${names[$i]}"
    put "sdl_sharers_${names[$i]}" $(($(sharers libSDL2-2.0.so) - 1))
    put "cpu_${names[$i]}" "$(delta "$work/cpu.before.${pids[$i]}" "$work/cpu.after.${pids[$i]}")"
    put "sw_${names[$i]}" "$(delta "$work/sw.before.${pids[$i]}" "$work/sw.after.${pids[$i]}")"
    put "xcpu_${names[$i]}" "$(delta "$work/cpu.before.$xvfb_pid" "$work/cpu.after.$xvfb_pid")"
  done
  for i in "${pids[@]}"; do stop_session "$i"; done
  stop_session "$xvfb_pid"
}

# sample_memory UNTIL STARTED NAMES_VAR PIDS_VAR: sleeps until SECONDS reaches
# UNTIL, appending "elapsed pss rss dirty" (KiB) to $work/mem.NAME for each
# subject every $sample s, so one long run also shows the figures along the way.
sample_memory() {
  local until=$1 started=$2 i
  local -n sample_names=$3 sample_pids=$4
  while ((SECONDS < until)); do
    sleep $((until - SECONDS < sample ? until - SECONDS : sample))
    ((SECONDS < until)) || break
    for i in "${!sample_names[@]}"; do
      echo "$((SECONDS - started)) $(mem_kib "${sample_pids[$i]}")" >> "$work/mem.${sample_names[$i]}"
    done
  done
}

snapshot_all() {
  local when=$1 sid
  shift
  for sid in "$@"; do
    cpu_snapshot "$sid" > "$work/cpu.$when.$sid"
    switch_snapshot "$sid" > "$work/sw.$when.$sid"
  done
}

# One subject at a time on Xvfb: PSS splits pages shared between processes, so
# two Mesa users side by side would each look smaller. The dummy-driver runs map
# no Mesa and go beside Chromium, which shares only the C library with them.
run_idle_phases() {
  echo "== idle ${idle} s and PSS at the end; subjects run max(${duration} s, settle + ${idle} s)"
  echo "  kiosk, Xvfb"
  measure_group 3 kiosk-x11:kiosk:x11
  echo "  bare SDL window, Xvfb"
  measure_group 3 bare-x11:bare:x11
  echo "  Chromium, Xvfb; beside it the kiosk and the bare window under SDL's dummy driver"
  measure_group 10 chromium:chromium:x11 kiosk-dummy:kiosk:dummy bare-dummy:bare:dummy
}
