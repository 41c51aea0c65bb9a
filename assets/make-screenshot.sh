#!/usr/bin/env bash
# Regenerates assets/screenshot.png from the real browser: tmux runs it, capture-pane keeps the
# colours, aha turns them into HTML, headless Chromium renders that with a CJK monospace font.
# Needs: tmux aha chromium fonts-noto-cjk (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release
tmp=$(mktemp -d)
tmux -L shot kill-server 2>/dev/null || true
# Notes go to a store of the script's own.
tmux -L shot new-session -d -x 150 -y 38 "SENRYAKU_DATA_DIR=$tmp/data ./target/release/senryaku --ambiguous wide"
sleep 0.5
tmux -L shot send-keys '/'; sleep 0.2
tmux -L shot send-keys 'MID-NET'; sleep 0.3
tmux -L shot send-keys Enter; sleep 0.3
# A question mark and a note on the hit's item, as a reviewer would leave them.
tmux -L shot send-keys m m; sleep 0.3
tmux -L shot send-keys a; sleep 0.2
tmux -L shot send-keys 'MID-NET の利活用の実績を確認' Enter; sleep 0.4
tmux -L shot capture-pane -e -p > "$tmp/shot.ansi"
tmux -L shot kill-server
# The layout (--ambiguous wide) gives ambiguous-width glyphs (①, Ⅰ, │) two columns and blanks the second; a CJK
# font draws them two wide, so the blank goes.
python3 - "$tmp/shot.ansi" <<'PY'
import sys, unicodedata
p = sys.argv[1]; s = open(p, encoding="utf-8").read(); out = []; i = 0
while i < len(s):
    out.append(s[i])
    if unicodedata.east_asian_width(s[i]) == "A" and s[i + 1:i + 2] == " ":
        i += 1
    i += 1
open(p, "w", encoding="utf-8").write("".join(out))
PY
{
  echo '<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;background:#000}'
  echo 'pre{margin:0;padding:10px;font-family:"Noto Sans Mono CJK JP",monospace;font-size:15px;line-height:1.25;color:#ddd;background:#000}'
  echo '</style></head><body><pre>'
  aha --black --no-header < "$tmp/shot.ansi"
  echo '</pre></body></html>'
} > "$tmp/shot.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$tmp/chromium" --hide-scrollbars --window-size=1380,740 \
  --screenshot=assets/screenshot.png "file://$tmp/shot.html"
rm -rf "$tmp"
