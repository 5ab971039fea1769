# shellcheck shell=bash disable=SC2154  # globals (work, pid, display, ...) come from scripts/bench-kiosk
# Sourced by scripts/bench-kiosk: the table, from $work/results (phases.sh).

# Derived figures; "-" where there is nothing to show.
mib() { awk -v k="$1" 'BEGIN {printf (k == "" ? "-" : "%.1f"), k / 1024}'; }
cpu_pct() { awk -v t="$1" -v hz="$ticks_per_s" -v s="$idle" 'BEGIN {printf (t == "" ? "-" : "%.3f"), 100 * t / hz / s}'; }
per_s() { awk -v n="$1" -v s="$idle" 'BEGIN {printf (n == "" ? "-" : "%.2f"), n / s}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.2f", a / b}'; }
met() { awk "BEGIN {print ($1) ? \"yes\" : \"NO\"}"; }

# range NAME: "min-max" of the PSS samples of a subject ($work/mem.NAME), in MiB.
range() {
  awk '{v = $2 / 1024; if (NR == 1 || v < lo) lo = v; if (NR == 1 || v > hi) hi = v}
       END {if (NR) printf "%.1f-%.1f", lo, hi; else print "-"}' "$work/mem.$1" 2> /dev/null || echo -
}

# breakdown: the kiosk's mappings beside the bare window's (RSS, so what other
# processes map does not blur it), the largest differences first.
breakdown() {
  [ -s "$work/mappings.kiosk-x11" ] && [ -s "$work/mappings.bare-x11" ] || return 0
  echo
  echo "where the kiosk's memory goes beyond the bare window's (Xvfb, KiB, at the PSS read; RSS counts shared pages whole):"
  printf '  %-30s %8s %8s %8s %8s %8s\n' mapping "RSS kiosk" "RSS bare" "RSS +" "PSS +" "dirty +"
  awk -v kiosk="$work/mappings.kiosk-x11" '
    function key(n) {return (n == "cowork-kiosk" || n == "bare_sdl_window") ? "(the-program)" : n}
    FILENAME == kiosk {k = key($1); kr[k] += $2; kp[k] += $3; kd[k] += $4; seen[k] = 1; next}
    {b = key($1); br[b] += $2; bp[b] += $3; bd[b] += $4; seen[b] = 1}
    END {
      for (n in seen) {
        if (!(n in br) && (n in kr)) {only_r += kr[n]; only_n++}
        dr = kr[n] - br[n]
        printf "%d %s %d %d %d %d %d\n", dr, n, kr[n], br[n], dr, kp[n] - bp[n], kd[n] - bd[n]
        tr += dr; tp += kp[n] - bp[n]; td += kd[n] - bd[n]
      }
      printf "%d ~total %d %d %d %d %d\n", -1e9, 0, 0, tr, tp, td
      printf "%d ~only %d %d %d %d %d\n", -1e9 - 1, only_n, only_r, 0, 0, 0
    }' "$work/mappings.kiosk-x11" "$work/mappings.bare-x11" |
    sort -k1,1nr | awk '
      $2 == "~total" {printf "  %-30s %8s %8s %8d %8d %8d\n", "all mappings", "", "", $5, $6, $7; next}
      $2 == "~only" {printf "  (%d libraries and files only the kiosk maps: %d KiB of RSS)\n", $3, $4; next}
      shown < 14 && ($5 >= 32 || $5 <= -32) {printf "  %-30s %8d %8d %8d %8d %8d\n", $2, $3, $4, $5, $6, $7; shown++}'
}

row() { printf '%-34s %9s %9s %9s %8s  %-26s %s\n' "$@"; }

print_report() {
  local fk fb pk pb pc ck cb cc ckd cbd
  fk=$(get first_kiosk) fb=$(get first_bare)
  pk=$(mib "$(get pss_kiosk-x11)") pb=$(mib "$(get pss_bare-x11)") pc=$(mib "$(get pss_chromium)")
  ck=$(cpu_pct "$(get cpu_kiosk-x11)") cb=$(cpu_pct "$(get cpu_bare-x11)") cc=$(cpu_pct "$(get cpu_chromium)")
  ckd=$(cpu_pct "$(get cpu_kiosk-dummy)") cbd=$(cpu_pct "$(get cpu_bare-dummy)")
  local frames ticks seconds
  frames=$(get scroll_frames) ticks=$(get scroll_ticks) seconds=$(get scroll_seconds)

  echo
  echo "== kiosk benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores shared (noisy: other work may run)"
  echo "kiosk renderer: $(get renderer); 800x480; PSS read after $(get elapsed_kiosk-x11) s (kiosk)," \
    "$(get elapsed_bare-x11) s (bare), $(get elapsed_chromium) s (Chromium); idle window ${idle} s"
  row measure kiosk "bare SDL" Chromium ratio target met
  row "first frame, ms (median, Xvfb)" "$fk" "$fb" - "$(ratio "$fk" "$fb")" "< 300 ms" "$(met "$fk < 300")"
  row "PSS, MiB (Xvfb)" "$pk" "$pb" "$pc" "$(ratio "$pk" "$pb")" "<= 1.3x bare SDL" "$(met "$pk <= 1.3 * $pb")"
  row "  PSS along the run (samples)" "$(range kiosk-x11)" "$(range bare-x11)" "$(range chromium)" - - -
  row "  Chromium / kiosk" "" "" "" "$(ratio "$pc" "$pk")" ">= 5x" "$(met "$pc >= 5 * $pk")"
  local rk rb dk db
  rk=$(mib "$(get rss_kiosk-x11)") rb=$(mib "$(get rss_bare-x11)") dk=$(mib "$(get dirty_kiosk-x11)") db=$(mib "$(get dirty_bare-x11)")
  row "RSS, MiB (Xvfb; shared pages whole)" "$rk" "$rb" "$(mib "$(get rss_chromium)")" "$(ratio "$rk" "$rb")" - -
  row "  of which private dirty, MiB" "$dk" "$db" "$(mib "$(get dirty_chromium)")" "$(ratio "$dk" "$db")" - -
  row "  other processes mapping SDL" "$(get sdl_sharers_kiosk-x11)" "$(get sdl_sharers_bare-x11)" - - - -
  row "idle CPU, % of a core (Xvfb)" "$ck" "$cb" "$cc" "$(ratio "$ck" "$cc")" "< Chromium's" "$(met "$ck < $cc")"
  row "idle wake-ups/s (Xvfb)" "$(per_s "$(get sw_kiosk-x11)")" "$(per_s "$(get sw_bare-x11)")" \
    "$(per_s "$(get sw_chromium)")" - - -
  row "  Xvfb server CPU, % meanwhile" "$(cpu_pct "$(get xcpu_kiosk-x11)")" "$(cpu_pct "$(get xcpu_bare-x11)")" \
    "$(cpu_pct "$(get xcpu_chromium)")" - - -
  row "idle CPU, % of a core (dummy)" "$ckd" "$cbd" - "$(ratio "$ckd" "$cbd")" "< 0.1 %" "$(met "$ckd < 0.1")"
  row "idle wake-ups/s (dummy)" "$(per_s "$(get sw_kiosk-dummy)")" "$(per_s "$(get sw_bare-dummy)")" - - - -
  row "PSS, MiB (dummy, side by side)" "$(mib "$(get pss_kiosk-dummy)")" "$(mib "$(get pss_bare-dummy)")" - - - -
  row "scroll: CPU per frame, ms" \
    "$(awk -v t="$ticks" -v hz="$ticks_per_s" -v f="$frames" 'BEGIN {printf (f > 0 ? "%.2f" : "-"), 1000 * t / hz / f}')" \
    - - - - -
  echo "scroll: $frames frames in $seconds s ($(awk -v f="$frames" -v s="$seconds" 'BEGIN {printf "%.0f", f / s}') per s)," \
    "$(awk -v t="$ticks" -v hz="$ticks_per_s" -v s="$seconds" 'BEGIN {printf "%.0f", 100 * t / hz / s}') % of a core"
  echo "CPU is utime+stime of the whole process tree (/proc/PID/stat, 1/$ticks_per_s s ticks); wake-ups are"
  echo "voluntary+involuntary context switches of all its threads; PSS is summed over the tree (smaps_rollup)."
  echo "PSS splits a shared page between the processes mapping it: it drops when other work on the machine maps"
  echo "the same libraries (the 'other processes mapping SDL' row); RSS and private dirty do not move with that."
  breakdown
}
