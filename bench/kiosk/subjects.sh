# shellcheck shell=bash disable=SC2154  # globals (work, pid, display, ...) come from scripts/bench-kiosk
# Sourced by scripts/bench-kiosk: starting and stopping what is measured.
# Each runs under setsid: its session id is its pid (proc_stats.sh sums over it)
# and one kill of its process group stops it with all its children.

kiosk_bin=$build/kiosk/cowork-kiosk
bare_bin=$build/bench/bare_sdl_window

# start_xvfb: a fresh Xvfb at the kiosk panel's size; sets xvfb_pid and display.
start_xvfb() {
  local fd_file=$work/displayfd.$RANDOM
  : > "$fd_file"
  # -displayfd: the server picks a free display number and writes it when ready.
  setsid Xvfb -displayfd 3 -screen 0 800x480x24 -nolisten tcp \
    3> "$fd_file" > /dev/null 2>&1 < /dev/null &
  xvfb_pid=$!
  sessions+=("$xvfb_pid")
  for _ in $(seq 100); do [ -s "$fd_file" ] && break; sleep 0.05; done
  display=:$(head -1 "$fd_file")
  [ "$display" != ":" ] || { echo "bench-kiosk: Xvfb did not start"; exit 1; }
}

# start_subject NAME WHAT DRIVER: WHAT is kiosk, bare or chromium; DRIVER x11
# (on $display) or dummy. Sets pid; the log is $work/NAME.log.
start_subject() {
  local name=$1 what=$2 driver=$3 cmd
  # shellcheck disable=SC2054  # 800,480 is one argument
  case $what in
    kiosk) cmd=("$kiosk_bin" --demo --data "$work/kiosk-data" --windowed 800x480) ;;
    bare) cmd=("$bare_bin" --windowed 800x480) ;;
    chromium) cmd=(chromium --kiosk --no-sandbox --disable-gpu --disable-quic --no-first-run
                   --disable-background-networking --disable-component-update --disable-sync
                   --lang=fr --disable-features=Translate --user-data-dir="$(mktemp -d "$work/chromium.XXXXXX")"
                   --window-size=800,480 "file://$PWD/bench/kiosk/home.html") ;;
  esac
  local env_vars=(SDL_VIDEODRIVER="$driver")
  # SDL_RENDER_DRIVER outranks the app's own choice (e.g. opengl: Mesa even without a GPU).
  [ -n "$render_driver" ] && [ "$what" != chromium ] && env_vars+=(SDL_RENDER_DRIVER="$render_driver")
  [ "$driver" = x11 ] && env_vars+=(DISPLAY="$display")
  setsid env -u DISPLAY "${env_vars[@]}" "${cmd[@]}" > "$work/$name.log" 2>&1 < /dev/null &
  pid=$!
  sessions+=("$pid")
}

# first_frame_ms NAME: waits for the app's "première image affichée N ms" line
# (at most 10 s) and prints N; empty when it never came.
first_frame_ms() {
  local line=""
  for _ in $(seq 500); do
    line=$(grep -o 'première image affichée [0-9-]* ms' "$work/$1.log" 2> /dev/null || true)
    [ -n "$line" ] && break
    sleep 0.02
  done
  awk '{print $4}' <<< "$line"
}

# stop_session SID: SIGTERM to the session's process group (SDL turns it into
# SDL_QUIT, so the apps log their frame counts), then waits for it.
stop_session() {
  kill -TERM -- "-$1" 2> /dev/null || true
  wait "$1" 2> /dev/null || true
  local rest
  rest=$(session_pids "$1")
  # shellcheck disable=SC2086  # one word per pid
  [ -z "$rest" ] || kill -KILL $rest 2> /dev/null || true
}

# frames NAME: the frame count an app logged at exit ("fin : N images").
frames() { grep -o 'fin : [0-9]* images' "$work/$1.log" | awk '{print $3}'; }
