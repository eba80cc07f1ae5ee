#!/usr/bin/env bash
# Benchmark: gongkai build vs a plain `cp -r` of its output vs Hugo on the same pages.
#
#   bench/run.sh                 N = 200 2000 10000 department-years
#   bench/run.sh 200 2000        a quicker run
#
# Environment: BENCH_YEARS (years per department, default 5), BENCH_SEED (default 1),
# BENCH_TMP (where to put the data, default $TMPDIR or /tmp), BENCH_KEEP=1 to keep it,
# BENCH_SKIP_HUGO=1 to time gongkai and cp only.
# See bench/README.md for what is measured and how to read it.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
read -r -a NS <<< "${*:-200 2000 10000}"
YEARS=${BENCH_YEARS:-5}
SEED=${BENCH_SEED:-1}
WORK=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/gongkai-bench.XXXXXX")
cleanup() { if [[ "${BENCH_KEEP:-0}" != 1 ]]; then rm -rf "$WORK"; else echo "kept $WORK"; fi; }
trap cleanup EXIT

need() { # command, Debian package
    command -v "$1" >/dev/null 2>&1 && return
    echo "installing $2 (for $1) …" >&2
    if [[ $(id -u) == 0 ]]; then apt-get install -y "$2" >/dev/null; else sudo apt-get install -y "$2" >/dev/null; fi
}
[[ -x /usr/bin/time ]] || need /usr/bin/time time
[[ "${BENCH_SKIP_HUGO:-0}" == 1 ]] || need hugo hugo

echo "building gongkai --release …" >&2
(cd "$REPO" && cargo build --release --quiet --bin gongkai --example gen_content)
GONGKAI="$REPO/target/release/gongkai"
GEN="$REPO/target/release/examples/gen_content"

# Runs a command under /usr/bin/time -v; sets WALL (s), CPU (user+sys s), RSS (MB).
timed() {
    local log="$WORK/time.log"
    if ! /usr/bin/time -v -o "$log" "$@" >"$WORK/cmd.out" 2>&1; then
        echo "FAILED: $*" >&2
        cat "$WORK/cmd.out" >&2
        exit 1
    fi
    WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s }' "$log")
    CPU=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$log")
    RSS=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log")
}

# Seconds from starting `gongkai serve` to its printing the address it serves on (the
# preview is built by then), then stops it. Sets SERVE_READY.
serve_ready() {
    local log="$WORK/serve.out" start pid
    start=$(date +%s.%N)
    "$GONGKAI" serve --root "$1" --port 0 >"$log" 2>/dev/null &
    pid=$!
    until grep -q "http://" "$log" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || { echo "serve stopped before it was ready" >&2; exit 1; }
        sleep 0.02
    done
    SERVE_READY=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.2f", e - s}')
    kill -INT "$pid"; wait "$pid" || true
}

# Total bytes and number of files under a folder.
size_of() { find "$1" -type f -printf '%s\n' | awk '{b += $1; n++} END {printf "%.0f %d", b, n}'; }

# A Hugo site whose pages are gongkai's own rendered disclosure bodies (<main>…</main>) as
# raw HTML in Markdown, so Hugo renders the same pages with a minimal layout.
hugo_site() {
    local public=$1 site=$2
    mkdir -p "$site/layouts/_default" "$site/content"
    cat > "$site/hugo.toml" <<'EOF'
baseURL = "/"
title = "bench"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
EOF
    cat > "$site/layouts/_default/baseof.html" <<'EOF'
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="/static/style.css"></head>
<body><main id="main" class="wrap">{{ block "main" . }}{{ end }}</main></body></html>
EOF
    echo '{{ define "main" }}{{ .Content }}{{ end }}' > "$site/layouts/_default/single.html"
    echo '{{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}' \
        > "$site/layouts/_default/list.html"
    # One awk over all pages: keep what is inside <main>, drop indentation and blank lines so
    # Goldmark sees one raw-HTML block (an indented line would otherwise become code).
    (cd "$public" && find . -path './[0-9][0-9][0-9][0-9]/*/index.html' | sort) | awk -v pub="$public" -v dst="$site/content" '
        { files[NR] = $0 }
        END {
            for (i = 1; i <= NR; i++) {
                rel = substr(files[i], 3); sub(/\/index\.html$/, "", rel)   # 2024/085
                split(rel, p, "/")
                dir = dst "/" p[1]
                if (!(dir in made)) { system("mkdir -p \"" dir "\""); made[dir] = 1 }
                out = dir "/" p[2] ".md"
                printf "---\ntitle: \"%s %s\"\n---\n", p[1], p[2] > out
                inside = 0
                while ((getline line < (pub "/" files[i])) > 0) {
                    if (line ~ /<main[ >]/) { inside = 1; continue }
                    if (line ~ /<\/main>/) { inside = 0; continue }
                    if (!inside) continue
                    sub(/^[ \t]+/, "", line)
                    if (line != "") print line > out
                }
                close(pub "/" files[i]); close(out)
            }
        }'
    mkdir -p "$site/static/static"
    cp "$public/static/style.css" "$site/static/static/"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "free space for the data: $(df -h --output=avail "$WORK" | tail -1 | tr -d ' ') (all N are kept until the end; N = 10,000 alone takes ~15 GB)" >&2
echo "hugo: $(hugo version 2>/dev/null | cut -d' ' -f2 || echo none); years per department: $YEARS; seed $SEED; data in $WORK" >&2

ROWS=()
WARM=()
for N in "${NS[@]}"; do
    years=$YEARS
    (( N < years )) && years=1
    depts=$(( N / years ))
    n=$(( depts * years ))
    dir="$WORK/$n"
    echo "N=$n: generating $depts departments × $years years …" >&2
    "$GEN" --out "$dir/site" --departments "$depts" --years "$years" --seed "$SEED" >&2

    echo "N=$n: gongkai check (no cache yet) …" >&2
    timed "$GONGKAI" check --root "$dir/site"
    c_wall=$WALL c_rss=$RSS

    echo "N=$n: gongkai serve, ready without a build to start from …" >&2
    serve_ready "$dir/site"
    s_cold=$SERVE_READY

    echo "N=$n: gongkai build (cold) …" >&2
    timed "$GONGKAI" build --root "$dir/site" --out "$dir/site/public"
    g_wall=$WALL g_cpu=$CPU g_rss=$RSS
    read -r g_bytes g_files <<< "$(size_of "$dir/site/public")"

    # Warm builds from the cache the cold one left: nothing changed; one department file of
    # the last year changed (its name); one template changed (everything it touches).
    # Twice: the first warm build links every file into an empty folder (a cold build keeps
    # no replaced site to start from); from then on a build starts from the one it replaced.
    echo "N=$n: gongkai build, nothing changed …" >&2
    timed "$GONGKAI" build --root "$dir/site" --out "$dir/site/public"
    echo "N=$n: first warm build: ${WALL} s, peak RSS ${RSS} MB" >&2
    echo "N=$n: gongkai build, nothing changed, again …" >&2
    timed "$GONGKAI" build --root "$dir/site" --out "$dir/site/public"
    w0_wall=$WALL w0_rss=$RSS
    echo "N=$n: gongkai check, nothing changed …" >&2
    timed "$GONGKAI" check --root "$dir/site"
    cw_wall=$WALL
    echo "N=$n: gongkai serve, ready from the last build …" >&2
    serve_ready "$dir/site"
    s_warm=$SERVE_READY
    echo "N=$n: gongkai serve again, from the folder the last preview kept …" >&2
    serve_ready "$dir/site"
    s_again=$SERVE_READY
    one=$(find "$dir/site/content" -mindepth 2 -maxdepth 2 -name '*.yaml' | sort | tail -1)
    sed -i 's/^name: \(.*\)$/name: \1（更名）/' "$one"
    echo "N=$n: gongkai build, one department file changed ($one) …" >&2
    timed "$GONGKAI" build --root "$dir/site" --out "$dir/site/public"
    w1_wall=$WALL w1_rss=$RSS
    mkdir -p "$dir/site/templates"
    { cat "$REPO/templates/base.html"; echo "<!-- bench: a template changed -->"; } > "$dir/site/templates/base.html"
    echo "N=$n: gongkai build, one template changed …" >&2
    timed "$GONGKAI" build --root "$dir/site" --out "$dir/site/public"
    wt_wall=$WALL wt_rss=$RSS
    WARM+=("$n $g_wall $g_rss $w0_wall $w0_rss $w1_wall $w1_rss $wt_wall $wt_rss $c_wall $cw_wall $s_cold $s_warm $s_again")

    echo "N=$n: cp -r of the output …" >&2
    timed cp -r "$dir/site/public" "$dir/copy"
    cp_wall=$WALL

    h_wall=- h_cpu=- h_rss=- h_files=-
    if [[ "${BENCH_SKIP_HUGO:-0}" != 1 ]]; then
        echo "N=$n: preparing the Hugo site …" >&2
        hugo_site "$dir/site/public" "$dir/hugo"
        echo "N=$n: hugo …" >&2
        timed hugo --quiet --source "$dir/hugo" --destination "$dir/hugo/public"
        h_wall=$WALL h_cpu=$CPU h_rss=$RSS
        read -r _ h_files <<< "$(size_of "$dir/hugo/public")"
        pages=$(cd "$dir/hugo/public" && find . -path './[0-9][0-9][0-9][0-9]/*/index.html' | wc -l)
        if (( pages != n )); then echo "hugo rendered $pages pages, expected $n" >&2; exit 1; fi
    fi
    ROWS+=("$n $g_wall $g_cpu $g_rss $g_bytes $g_files $cp_wall $h_wall $h_cpu $h_rss $h_files $c_wall $c_rss")
    # Nothing is deleted until the end: on ext4 without a journal, creating files within a
    # minute or so of deleting many makes the kernel skip the freed inodes one by one
    # (`recently_deleted` in perf), which slowed whichever step came next by up to a third.
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo
printf '%6s %9s %8s %9s %8s %9s %7s %8s %8s %8s %9s %8s %9s %8s\n' \
    N "gongkai s" "cpu s" "pages/s" "RSS MB" "MB out" files "cp -r s" "hugo s" "hugo cpu" "hugo p/s" "hugo MB" "gk/hugo" "gk/cp"
for row in "${ROWS[@]}"; do
    read -r n gw gc gr gb gf cw hw hc hr hf cw2 cr <<< "$row"
    awk -v n="$n" -v gw="$gw" -v gc="$gc" -v gr="$gr" -v gb="$gb" -v gf="$gf" -v cw="$cw" \
        -v hw="$hw" -v hc="$hc" -v hr="$hr" 'BEGIN {
        gps = (gw > 0) ? n / gw : 0
        hps = (hw != "-" && hw > 0) ? sprintf("%.0f", n / hw) : "-"
        ratio = (hw != "-" && gw > 0) ? sprintf("%.2f×", hw / gw) : "-"
        floor = (cw > 0) ? sprintf("%.2f×", gw / cw) : "-"
        printf "%6d %9.2f %8.2f %9.0f %8d %9.1f %7d %8.2f %8s %8s %9s %8s %9s %8s\n",
            n, gw, gc, gps, gr, gb / 1048576, gf, cw, hw, hc, hps, hr, ratio, floor
    }'
    echo "        check alone: ${cw2} s, peak RSS ${cr} MB"
done
echo
printf '%6s %8s %7s | %8s %6s %7s | %8s %6s %7s | %8s %6s %7s | %8s %8s | %8s %8s %8s\n' \
    N "cold s" "RSS MB" "same s" "%cold" "RSS MB" "one s" "%cold" "RSS MB" "tmpl s" "%cold" "RSS MB" \
    "check s" "warm s" "serve s" "built s" "again s"
for row in "${WARM[@]}"; do
    read -r n gw gr w0 r0 w1 r1 wt rt cc cw sc sw sa <<< "$row"
    awk -v n="$n" -v gw="$gw" -v gr="$gr" -v w0="$w0" -v r0="$r0" -v w1="$w1" -v r1="$r1" \
        -v wt="$wt" -v rt="$rt" -v cc="$cc" -v cw="$cw" -v sc="$sc" -v sw="$sw" -v sa="$sa" 'BEGIN {
        printf "%6d %8.2f %7d | %8.2f %5.1f%% %7d | %8.2f %5.1f%% %7d | %8.2f %5.0f%% %7d | %8.2f %8.2f | %8.2f %8.2f %8.2f\n",
            n, gw, gr, w0, 100 * w0 / gw, r0, w1, 100 * w1 / gw, r1, wt, 100 * wt / gw, rt, cc, cw, sc, sw, sa
    }'
done
cat <<'EOF'

Warm builds reuse what the cold build before them left in ROOT/.gongkai (same run, same N):
same: nothing changed (the second warm build; the first, printed above, starts from an
empty folder); one: one department file of the last year changed; tmpl: one
template changed (every page written again; tables, workbooks and open data kept). check:
without a cache, then warm. serve: seconds until the preview is ready, with no build to
start from; built: the first preview after a build (it links the build's files into its
folder); again: the next preview, from the folder the last one kept.

gongkai s / hugo s: wall time of a full build (gongkai: load, derive, render, write);
cpu s: user+sys CPU seconds (less sensitive to other load on a shared machine);
pages/s: department-year pages per wall second; RSS MB: peak resident memory;
gk/hugo: gongkai throughput ÷ Hugo throughput (>1 = gongkai faster);
gk/cp: gongkai wall time ÷ `cp -r` of its own output (the I/O floor).
EOF
