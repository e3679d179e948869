#!/usr/bin/env bash
# Builds the same generated site with Hugo and with Gazette, and compares wall time, CPU time
# and peak memory.
#
# usage: bench/run.sh N [RUNS]
#
#   N      notices to generate (examples/gen_corpus.rs), e.g. 1000 or 10000
#   RUNS   timed rounds (default 5); each round builds every variant once, in turn
#
# Variants, all over the same notices:
#   hugo                Hugo with the skeleton in bench/hugo/
#   gazette-equivalent  Gazette with the theme in bench/gazette-equivalent/ (the same pages
#                       as the Hugo skeleton)
#   gazette-bureau      Gazette's built-in bureau theme, search = false
#   gazette-search      Gazette's built-in bureau theme, search on (gen_corpus's own site.toml)
#   gazette-search-edit the gazette-search site after one notice was edited, built again with
#                       its build cache and its previous output: in each timed round one word
#                       of one notice is replaced by a new one (zqxold<round> becomes
#                       zqxedit<round>), and bench/search_index.py must then find the new
#                       word and no longer the old one. Its warm-up build is a first build
#                       with the cache (timed, reported apart).
#   gazette-unchanged   gazette-equivalent built again with nothing changed, with its build
#                       cache (.gazette/cache/) and its previous output kept
#
# Every other Gazette build runs with --no-cache into an empty folder: a first build.
# bench/search_index.py (python3) checks the edit variant's index; docs/benchmarks.md has
# the other search scripts (issue 17).
#
# The work folder is $BENCH_WORK, else <cargo target dir>/bench/N; it is recreated on each
# run. See docs/benchmarks.md.
set -euo pipefail

usage() {
    echo "usage: bench/run.sh N [RUNS]" >&2
    exit 2
}
[[ $# -ge 1 && $# -le 2 ]] || usage
N=$1
RUNS=${2:-5}
[[ $N =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ ]] || usage
SEED=1

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
[[ $TARGET = /* ]] || TARGET=$ROOT/$TARGET
WORK=${BENCH_WORK:-$TARGET/bench/$N}
VARIANTS=(hugo gazette-equivalent gazette-bureau gazette-search gazette-search-edit gazette-unchanged)
SEARCH_INDEX=(python3 "$BENCH/search_index.py")

die() {
    echo "bench/run.sh: error: $*" >&2
    exit 1
}
step() { echo "== $*" >&2; }

# --- Tools -------------------------------------------------------------------------------

need_packages=()
command -v hugo >/dev/null 2>&1 || need_packages+=(hugo)
[[ -x /usr/bin/time && $(/usr/bin/time --version 2>&1) == *"GNU Time"* ]] || need_packages+=(time)
if ((${#need_packages[@]})); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        step "installing ${need_packages[*]} with apt-get"
        apt-get install -y "${need_packages[@]}" >&2 ||
            { apt-get update >&2 && apt-get install -y "${need_packages[@]}" >&2; } ||
            die "could not install ${need_packages[*]}"
    else
        die "missing ${need_packages[*]}: install them (Debian: apt-get install -y ${need_packages[*]})"
    fi
fi
command -v python3 >/dev/null 2>&1 || die "missing python3 (for bench/search_index.py)"
HUGO=$(command -v hugo)
TIME=/usr/bin/time

step "building Gazette (release) and the corpus generator"
(cd "$ROOT" && cargo build --release --quiet --bin gazette --example gen_corpus) ||
    die "cargo build failed"
GAZETTE=$TARGET/release/gazette
GEN=$TARGET/release/examples/gen_corpus
[[ -x $GAZETTE && -x $GEN ]] || die "cargo did not produce $GAZETTE and $GEN"

# --- Sites -------------------------------------------------------------------------------

step "generating $N notices into $WORK/corpus"
# The work folder is deleted whole: only one this script made (it has a marker file).
if [[ -e $WORK && ! -e $WORK/.gazette-bench ]] && [[ -n $(ls -A "$WORK" 2>/dev/null) ]]; then
    die "$WORK is not empty and was not made by bench/run.sh; choose another BENCH_WORK"
fi
rm -rf "$WORK"
mkdir -p "$WORK"
touch "$WORK/.gazette-bench"
"$GEN" "$N" "$WORK/corpus" "$SEED" >/dev/null || die "gen_corpus failed"
CONTENT=$WORK/corpus/content
notice_files=$(find "$CONTENT" -name '*.md' | wc -l)
((notice_files == N)) || die "gen_corpus wrote $notice_files notices, not $N"

# Each Gazette site gets its own copy of the generated content/: Gazette refuses a content/
# that is a symbolic link leading out of the site's folder.
gazette_site() { # name, site.toml source
    mkdir -p "$WORK/$1"
    cp -r "$CONTENT" "$WORK/$1/content"
    cp "$2" "$WORK/$1/site.toml"
}
gazette_site gazette-search "$WORK/corpus/site.toml"
gazette_site gazette-bureau "$WORK/corpus/site.toml"
grep -q '^search *=' "$WORK/gazette-bureau/site.toml" && die "gen_corpus's site.toml already sets search"
echo 'search = false' >>"$WORK/gazette-bureau/site.toml"
gazette_site gazette-equivalent "$BENCH/gazette-equivalent/site.toml"
cp -r "$BENCH/gazette-equivalent/themes" "$WORK/gazette-equivalent/themes"

# The edit variant's site: the search site, where the notice edited in round r (one of the
# notices, spread over the corpus) ends with a paragraph holding the word zqxold<r>, which
# no other notice has. Round r replaces it by zqxedit<r>.
gazette_site gazette-search-edit "$WORK/corpus/site.toml"
if grep -rqiE 'zqx(old|edit)' "$WORK/gazette-search-edit/content"; then
    die "the generated notices already hold a zqxold/zqxedit word"
fi
mapfile -t ALL_NOTICES < <(cd "$WORK/gazette-search-edit/content" && find . -name '*.md' | LC_ALL=C sort)
declare -A EDITED
for ((r = 1; r <= RUNS; r++)); do
    EDITED[$r]=$WORK/gazette-search-edit/content/${ALL_NOTICES[$(((r * 7919) % N))]#./}
    printf '\nReview zqxold%d.\n' "$r" >>"${EDITED[$r]}"
done

# Hugo reads its own copy, with two rewrites of the front matter:
# - `date = "2021-09-23 13:00"` becomes "2021-09-23 13:00:00": Hugo 0.111 does not read a
#   time without seconds, and silently gives such a page the date 0001-01-01;
# - `lang = "zh-Hans"` becomes `notice_lang`, so that no Hugo version takes it for the
#   page's language (the templates print it as Gazette's do).
# The archive (/archive/ and /archive/<year>/), which Gazette makes by itself, needs a
# content file per page in Hugo.
step "preparing the Hugo site"
cp -r "$BENCH/hugo" "$WORK/hugo"
rm -rf "$WORK/hugo/content" "$WORK/hugo/public"
cp -r "$CONTENT" "$WORK/hugo/content"
find "$WORK/hugo/content" -name '*.md' -exec sed -i -E \
    -e 's/^date = "([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2})"$/date = "\1:00"/' \
    -e 's/^lang = /notice_lang = /' {} +
if grep -rqE '^date = "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}"$' "$WORK/hugo/content"; then
    die "some dates in the Hugo copy still have no seconds: gen_corpus's date format changed?"
fi
mkdir -p "$WORK/hugo/content/archive"
printf '+++\ntitle = "Archive"\noutputs = ["HTML"]\n+++\n' >"$WORK/hugo/content/archive/_index.md"
years=$(grep -rhoE '^date = "[0-9]{4}' "$CONTENT" | cut -c9-12 | sort -u)
for y in $years; do
    printf '+++\ntitle = "%s"\nyear = "%s"\n[_build]\nlist = "never"\n+++\n' "$y" "$y" \
        >"$WORK/hugo/content/archive/$y.md"
done

# --- Builds ------------------------------------------------------------------------------

OUT=$WORK/out
mkdir -p "$OUT" "$WORK/logs"
RESULTS=$WORK/results.tsv
printf 'round\tvariant\twall_s\tuser_s\tsys_s\tmaxrss_kb\n' >"$RESULTS"

# One build of a variant into a fresh output folder, timed by GNU time. Fails loudly on a
# non-zero exit, and on any warning or error Hugo logs (it exits 0 on warnings).
build() { # variant, round
    local v=$1 round=$2 dest=$OUT/$1 log=$WORK/logs/$1-$2.log tf=$WORK/logs/$1-$2.time
    local -a cmd
    case $v in
        hugo) cmd=("$HUGO" --source "$WORK/hugo" --destination "$dest") ;;
        # The warm-up round makes its output and cache; every later round finds them.
        gazette-unchanged) cmd=("$GAZETTE" build --root "$WORK/gazette-equivalent" --output "$dest") ;;
        gazette-search-edit) cmd=("$GAZETTE" build --root "$WORK/$v" --output "$dest") ;;
        *) cmd=("$GAZETTE" build --no-cache --root "$WORK/$v" --output "$dest") ;;
    esac
    case $v in
        gazette-unchanged) ;;
        gazette-search-edit)
            if ((round == 0)); then
                # A first build, with the cache: it makes the output and cache the rounds edit.
                rm -rf "$dest" "$WORK/$v/.gazette"
            else
                # The edit, outside the timing.
                grep -q "zqxold$round" "${EDITED[$round]}" || die "zqxold$round is not in ${EDITED[$round]}"
                sed -i "s/zqxold$round/zqxedit$round/" "${EDITED[$round]}"
            fi
            ;;
        *) rm -rf "$dest" ;;
    esac
    if ! "$TIME" -f '%e %U %S %M' -o "$tf" "${cmd[@]}" >"$log" 2>&1; then
        cat "$log" >&2
        die "$v build failed (round $round): ${cmd[*]}"
    fi
    if [[ $v = hugo ]] && grep -qE '^(WARN|ERROR)' "$log"; then
        grep -E '^(WARN|ERROR)' "$log" | head -20 >&2
        die "hugo logged warnings or errors (round $round); full log: $log"
    fi
    if [[ $v = gazette-unchanged ]] && ((round > 0)) && ! grep -q "(0 rendered, " "$log"; then
        cat "$log" >&2
        die "gazette-unchanged rendered pages again though nothing changed (round $round)"
    fi
    [[ $v = hugo ]] || grep -q "^Built $N notices" "$log" || {
        cat "$log" >&2
        die "$v did not build $N notices"
    }
    [[ $v != gazette-search-edit ]] || check_edit "$round"
    local wall user sys rss
    read -r wall user sys rss < <(tail -n 1 "$tf")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$v" "$wall" "$user" "$sys" "$rss" >>"$RESULTS"
    printf '   %-20s %7.2f s wall %7.2f s CPU %8.1f MB\n' "$v" "$wall" \
        "$(echo "$user $sys" | awk '{print $1 + $2}')" "$(echo "$rss" | awk '{print $1 / 1024}')" >&2
}

# The edit variant's index after round `round`: before any edit, every zqxold<r> is found
# (in its own notice only) and no zqxedit<r>; after round r's edit, zqxedit<r> is found in
# that notice and zqxold<r> nowhere.
check_edit() { # round
    local round=$1 dest=$OUT/gazette-search-edit r word title
    local -a args=("$dest" --quiet) found
    if ((round == 0)); then
        for ((r = 1; r <= RUNS; r++)); do args+=(--expect-found "zqxold$r" --expect-missing "zqxedit$r"); done
        r=1 word=zqxold1
    else
        args+=(--expect-found "zqxedit$round" --expect-missing "zqxold$round")
        r=$round word=zqxedit$round
    fi
    "${SEARCH_INDEX[@]}" "${args[@]}" >&2 ||
        die "gazette-search-edit: the search index is wrong after round $round (see above; output: $dest)"
    title=$(sed -n 's/^title = "\(.*\)"$/\1/p' "${EDITED[$r]}" | head -n 1)
    mapfile -t found < <("${SEARCH_INDEX[@]}" "$dest" "$word" | grep -F $'\t' || true)
    if ((${#found[@]} != 1)) || [[ ${found[0]} != *$'\t'"$title" ]]; then
        printf '%s\n' "${found[@]}" >&2
        die "gazette-search-edit: $word should find only \"$title\" (${EDITED[$r]}), found ${#found[@]} notices"
    fi
}

step "warm-up round (not counted), and checks of what each variant wrote"
for v in "${VARIANTS[@]}"; do build "$v" 0; done
hugo_notices=$(find "$OUT/hugo" -path '*/notice-*/index.html' | wc -l)
((hugo_notices == N)) || die "hugo wrote $hugo_notices notice pages, not $N"
if grep -rlq --include='*.html' '0001-01-01' "$OUT/hugo"; then
    die "hugo left pages without a date (0001-01-01): see $OUT/hugo"
fi
declare -A FILES SIZE
for v in "${VARIANTS[@]}"; do
    FILES[$v]=$(find "$OUT/$v" -type f | wc -l)
    SIZE[$v]=$(du -sk "$OUT/$v" | awk '{print $1 / 1024}')
done

for ((r = 1; r <= RUNS; r++)); do
    step "round $r of $RUNS"
    for v in "${VARIANTS[@]}"; do build "$v" "$r"; done
done

for v in gazette-equivalent gazette-search; do
    step "gazette build --timings ($v)"
    rm -rf "$OUT/timings"
    "$GAZETTE" build --no-cache --root "$WORK/$v" --output "$OUT/timings" --timings >"$WORK/logs/timings-$v.log" 2>&1 ||
        { cat "$WORK/logs/timings-$v.log" >&2; die "gazette build --timings failed ($v)"; }
    rm -rf "$OUT/timings"
done

# --- Report ------------------------------------------------------------------------------

median() { # numbers on stdin
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
column_of() { # variant, awk expression over the fields wall user sys rss
    awk -F'\t' -v v="$1" 'NR > 1 && $1 > 0 && $2 == v { wall = $3; user = $4; sys = $5; rss = $6; print '"$2"' }' "$RESULTS" | median
}

commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z $(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null) ]] || commit="$commit (with uncommitted changes)"
echo
echo "Gazette vs Hugo, $N notices, $RUNS rounds ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo "  gazette: $("$GAZETTE" --version), commit $commit"
echo "  hugo:    $("$HUGO" version)"
echo "  machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  work folder: $WORK (raw figures in results.tsv)"
echo
echo "Medians of $RUNS builds (min s: the fastest build's wall time; CPU = user + sys; RSS: peak resident memory):"
printf '  %-20s %8s %8s %8s %8s %9s %8s %7s %9s\n' variant "wall s" "min s" "CPU s" "user s" "CPU/wall" "RSS MB" files "output MB"
declare -A WALL RSS
for v in "${VARIANTS[@]}"; do
    WALL[$v]=$(column_of "$v" wall)
    min=$(awk -F'\t' -v v="$v" 'NR > 1 && $1 > 0 && $2 == v && (m == "" || $3 + 0 < m + 0) { m = $3 } END { print m }' "$RESULTS")
    cpu=$(column_of "$v" "user + sys")
    user=$(column_of "$v" user)
    RSS[$v]=$(column_of "$v" rss)
    printf '  %-20s %8.2f %8.2f %8.2f %8.2f %9.2f %8.1f %7d %9.1f\n' "$v" "${WALL[$v]}" "$min" "$cpu" "$user" \
        "$(awk -v c="$cpu" -v w="${WALL[$v]}" 'BEGIN { print (w > 0 ? c / w : 0) }')" \
        "$(awk -v k="${RSS[$v]}" 'BEGIN { print k / 1024 }')" "${FILES[$v]}" "${SIZE[$v]}"
done
echo
# a / b, or 0 when b is 0 (a build faster than /usr/bin/time's 10 ms).
ratios() { # awk program using q(a, b), then its -v assignments
    local program=$1
    shift
    awk "$@" 'function q(a, b) { return b > 0 ? a / b : 0 } BEGIN { '"$program"' }'
}
ratios 'printf "gazette-equivalent / hugo: wall time %.2f (Hugo takes %.1fx as long), peak memory %.2f (Hugo uses %.1fx as much)\n", q(gw, hw), q(hw, gw), q(gm, hm), q(hm, gm)' \
    -v gw="${WALL[gazette-equivalent]}" -v hw="${WALL[hugo]}" -v gm="${RSS[gazette-equivalent]}" -v hm="${RSS[hugo]}"
ratios 'printf "gazette-unchanged / gazette-equivalent: wall time %.2f (a second build with nothing changed is %.1fx as fast)\n", q(u, g), q(g, u)' \
    -v u="${WALL[gazette-unchanged]}" -v g="${WALL[gazette-equivalent]}"
ratios 'printf "gazette-search / gazette-bureau: wall time %.2f (issue 17: at most 1.5), peak memory %.1f MB against %.1f MB (issue 17: at most 400 MB)\n", q(s, b), sm / 1024, bm / 1024' \
    -v s="${WALL[gazette-search]}" -v b="${WALL[gazette-bureau]}" -v sm="${RSS[gazette-search]}" -v bm="${RSS[gazette-bureau]}"
ratios 'printf "gazette-search / hugo: wall time %.2f (Hugo takes %.1fx as long), peak memory %.2f\n", q(s, h), q(h, s), q(sm, hm)' \
    -v s="${WALL[gazette-search]}" -v h="${WALL[hugo]}" -v sm="${RSS[gazette-search]}" -v hm="${RSS[hugo]}"
ratios 'printf "gazette-search-edit / gazette-search: wall time %.3f (issue 17: at most 0.1; one notice edited and built again with the cache is %.1fx as fast as a first build)\n", q(e, s), q(s, e)' \
    -v e="${WALL[gazette-search-edit]}" -v s="${WALL[gazette-search]}"

# The edit variant's first build (round 0), and what each edit rendered again.
read -r first_wall first_rss < <(awk -F'\t' '$1 == 0 && $2 == "gazette-search-edit" { print $3, $6 }' "$RESULTS")
rendered=$(for ((r = 1; r <= RUNS; r++)); do
    grep -oE '\([0-9]+ rendered' "$WORK/logs/gazette-search-edit-$r.log" | tr -d '(' | cut -d' ' -f1
done | paste -sd, -)
echo "gazette-search-edit: first build with the cache (warm-up, not counted) $first_wall s wall," \
    "$(awk -v k="$first_rss" 'BEGIN { printf "%.1f", k / 1024 }') MB; pages rendered again by each edit: ${rendered:-?};" \
    "every edit's new word found and old word gone (bench/search_index.py)"

# What the index is: every file under search-index/ of gazette-search's output.
SI=$OUT/gazette-search/search-index
if [[ -d $SI ]]; then
    si_bytes() { # find arguments
        find "$SI" -type f "$@" -printf '%s\n' | awk '{ n++; b += $1; if ($1 > m) m = $1 } END { printf "%d %d %d\n", n, b, m }'
    }
    read -r si_files si_total _ < <(si_bytes)
    read -r chunk_files chunk_total chunk_max < <(si_bytes -path '*/i/*')
    read -r frag_files frag_total frag_max < <(si_bytes -path '*/f/*')
    read -r _ meta_total meta_max < <(si_bytes -name meta.json)
    read -r _ client_total _ < <(si_bytes -name search.js)
    echo "gazette-search: search-index/ holds $si_files files, $si_total bytes ($(awk -v b="$si_total" 'BEGIN { printf "%.1f", b / 1048576 }') MB):" \
        "$chunk_files chunks (i/: $chunk_total bytes, largest $chunk_max)," \
        "$frag_files fragment files (f/: $frag_total bytes, largest $frag_max)," \
        "meta.json $meta_total bytes (largest $meta_max), search.js $client_total bytes"
else
    echo "gazette-search: no search-index/ in $OUT/gazette-search"
fi
for v in gazette-equivalent gazette-search; do
    echo
    echo "gazette build --timings, $v:"
    sed 's/^/  /' "$WORK/logs/timings-$v.log"
done
