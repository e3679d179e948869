#!/usr/bin/env bash
# Peak memory and wall time of a first build with search on, at 100,000 notices (issue 17:
# under 2 GiB).
#
# usage: bash bench/memory_100k.sh
#
# Environment:
#   N            notices (default 100000); e.g. N=2000 for a quick check of the script
#   RUNS         builds, one after the other (default 1); each is checked against the limit
#   LIMIT_MB     the limit on peak resident memory, in MiB (default 2048: 2 GiB)
#   BENCH_WORK   the work folder (default <cargo target dir>/bench/memory-N)
#   KEEP_OUTPUT  1 keeps the last build's output folder (default: deleted, 3.6 GB or more at
#                100,000 notices)
#
# Generates N notices with examples/gen_corpus.rs (seed 1) into the work folder, once: a
# later run with the same N reuses them. Builds them with gen_corpus's own site.toml (the
# bureau theme, search on by default), `gazette build --no-cache` into an empty output
# folder, under `/usr/bin/time -v`, and prints the peak resident memory (maximum resident
# set size), the wall time, the CPU time and the size of the search index. Exits 1 if a
# build fails, or if its peak is LIMIT_MB or more.
set -euo pipefail

N=${N:-100000}
RUNS=${RUNS:-1}
LIMIT_MB=${LIMIT_MB:-2048}
SEED=1
[[ $# -eq 0 ]] || {
    echo "usage: [N=100000] [RUNS=1] [LIMIT_MB=2048] [BENCH_WORK=DIR] [KEEP_OUTPUT=1] bash bench/memory_100k.sh" >&2
    exit 2
}
[[ $N =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ && $LIMIT_MB =~ ^[1-9][0-9]*$ ]] || {
    echo "bench/memory_100k.sh: N, RUNS and LIMIT_MB must be positive whole numbers" >&2
    exit 2
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
[[ $TARGET = /* ]] || TARGET=$ROOT/$TARGET
WORK=${BENCH_WORK:-$TARGET/bench/memory-$N}
TIME=/usr/bin/time

die() {
    echo "bench/memory_100k.sh: error: $*" >&2
    exit 1
}
step() { echo "== $*" >&2; }

if ! [[ -x $TIME && $($TIME --version 2>&1) == *"GNU Time"* ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        step "installing GNU time with apt-get"
        apt-get install -y time >&2 || { apt-get update >&2 && apt-get install -y time >&2; } ||
            die "could not install GNU time"
    else
        die "missing GNU time (/usr/bin/time): install it (Debian: apt-get install -y time)"
    fi
fi

step "building Gazette (release) and the corpus generator"
(cd "$ROOT" && cargo build --release --quiet --bin gazette --example gen_corpus) || die "cargo build failed"
GAZETTE=$TARGET/release/gazette
GEN=$TARGET/release/examples/gen_corpus
[[ -x $GAZETTE && -x $GEN ]] || die "cargo did not produce $GAZETTE and $GEN"

# The work folder: made here (marked by .gazette-bench-memory), holding site/ and out/.
if [[ -e $WORK && ! -e $WORK/.gazette-bench-memory ]] && [[ -n $(ls -A "$WORK" 2>/dev/null) ]]; then
    die "$WORK is not empty and was not made by bench/memory_100k.sh; choose another BENCH_WORK"
fi
mkdir -p "$WORK"
touch "$WORK/.gazette-bench-memory"
SITE=$WORK/site
OUT=$WORK/out
stamp="$N notices, seed $SEED"
if [[ -f $WORK/corpus.done && $(cat "$WORK/corpus.done") == "$stamp" ]]; then
    step "reusing the $N notices in $SITE"
else
    step "generating $N notices into $SITE"
    rm -rf "$SITE" "$WORK/corpus.done"
    "$GEN" "$N" "$SITE" "$SEED" >/dev/null || die "gen_corpus failed"
    notice_files=$(find "$SITE/content" -name '*.md' | wc -l)
    ((notice_files == N)) || die "gen_corpus wrote $notice_files notices, not $N"
    echo "$stamp" >"$WORK/corpus.done"
fi
if grep -qE '^search *= *false' "$SITE/site.toml"; then
    die "$SITE/site.toml turns search off"
fi

avail_mb=$(df -Pm "$WORK" | awk 'NR == 2 { print $4 }')
need_mb=$((N * 45 / 1000 + 200)) # about 39 KB of output a notice (bureau theme, search)
if ((avail_mb < need_mb)); then
    die "about $need_mb MB of free disk needed in $WORK for the output, $avail_mb MB free"
fi

field_of() { # a field's name in a /usr/bin/time -v report, the report
    awk -F': ' -v k="$1" '{ name = $1; sub(/^[ \t]+/, "", name) } name == k { print $2 }' "$2"
}
mkdir -p "$WORK/logs"
failed=0
for ((r = 1; r <= RUNS; r++)); do
    step "build $r of $RUNS: gazette build --no-cache, $N notices, search on"
    rm -rf "$OUT"
    log=$WORK/logs/build-$r.log tf=$WORK/logs/build-$r.time
    if ! "$TIME" -v -o "$tf" "$GAZETTE" build --no-cache --root "$SITE" --output "$OUT" --timings >"$log" 2>&1; then
        cat "$log" >&2
        [[ -f $tf ]] && cat "$tf" >&2
        die "the build failed (log: $log)"
    fi
    grep -q "^Built $N notices" "$log" || {
        cat "$log" >&2
        die "the build did not say it built $N notices"
    }
    [[ -f $OUT/search-index/en/meta.json ]] || die "no search index in $OUT (search-index/en/meta.json)"
    rss_kb=$(field_of 'Maximum resident set size (kbytes)' "$tf")
    wall=$(field_of 'Elapsed (wall clock) time (h:mm:ss or m:ss)' "$tf")
    user=$(field_of 'User time (seconds)' "$tf")
    sys=$(field_of 'System time (seconds)' "$tf")
    [[ -n $rss_kb && -n $wall ]] || die "could not read /usr/bin/time -v's report: $tf"
    wall_s=$(awk -v t="$wall" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }')
    read -r si_files si_bytes < <(find "$OUT/search-index" -type f -printf '%s\n' | awk '{ n++; b += $1 } END { print n + 0, b + 0 }')
    out_mb=$(du -sm "$OUT" | cut -f1)
    verdict=ok
    if ((rss_kb >= LIMIT_MB * 1024)); then
        verdict="FAILED: at or above the limit"
        failed=1
    fi
    echo
    echo "Build $r of $RUNS: $N notices, search on, --no-cache ($(date -u '+%Y-%m-%d %H:%M UTC'))"
    echo "  gazette: $("$GAZETTE" --version), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$([[ -z $(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null) ]] || echo ' (with uncommitted changes)')"
    echo "  machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    printf '  peak RSS   %10.1f MB (%d KB; limit %d MB): %s\n' "$(awk -v k="$rss_kb" 'BEGIN { print k / 1024 }')" "$rss_kb" "$LIMIT_MB" "$verdict"
    printf '  wall time  %10.2f s\n' "$wall_s"
    printf '  CPU time   %10.2f s (user %s s, sys %s s)\n' "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$user" "$sys"
    printf '  output     %10d MB; search-index/: %d files, %.1f MB\n' "$out_mb" "$si_files" "$(awk -v b="$si_bytes" 'BEGIN { print b / 1048576 }')"
    echo "  gazette build --timings:"
    sed 's/^/    /' "$log"
done
[[ ${KEEP_OUTPUT:-0} = 1 ]] || rm -rf "$OUT"
echo
echo "work folder: $WORK (logs/ holds each build's log and /usr/bin/time -v report)"
exit "$failed"
