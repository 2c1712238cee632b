#!/usr/bin/env bash
# Throughput and memory of the streaming `continuum resolve` (default algorithm, python-continuum):
# 50 servers, keys through standard input, tsv and json, output to /dev/null. Each format runs at
# 100,000 keys and at 10,000,000 keys: equal peak RSS at both sizes shows that memory stays flat.
# Prints Markdown rows for BENCHMARKS.md: wall-clock keys/s (JVM start included), keys per CPU
# second (user + sys: less sensitive to a busy machine) and peak RSS (GNU time). Run it on a quiet
# machine.
#   bench/resolve-throughput.sh [KEYS] [SERVERS]     (defaults 10000000 and 50)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
keys="${1:-10000000}"
servers="${2:-50}"
[ -x /usr/bin/time ] || { echo "resolve-throughput: needs GNU time (Debian package 'time')" >&2; exit 2; }
mvn -q -B -pl cli -am package -DskipTests >&2
jar="$root/cli/target/continuum-cli.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for ((i = 0; i < servers; i++)); do echo "10.0.$((i / 256)).$((i % 256)):11211"; done > "$work/servers.txt"
# Keys like "user:1234567:session" (about 20 bytes), written once so that making them is not timed.
awk -v n="$keys" 'BEGIN { for (i = 0; i < n; i++) printf "user:%d:session\n", i * 7919 }' > "$work/keys.txt"
head -n 100000 "$work/keys.txt" > "$work/keys-small.txt"
echo "| format | servers | keys | wall s | keys/s (wall) | CPU s | keys/CPU s | peak RSS MiB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for format in tsv json; do
  for input in keys-small.txt keys.txt; do
    n=$(wc -l < "$work/$input")
    start=$(date +%s.%N)
    if ! /usr/bin/time -f '%M %U %S' -o "$work/time" java ${CONTINUUM_JAVA_OPTS:-} -jar "$jar" resolve \
        --servers "$work/servers.txt" --format "$format" < "$work/$input" > /dev/null 2> "$work/stderr"; then
      cat "$work/stderr" >&2
      exit 1
    fi
    end=$(date +%s.%N)
    read -r rss user sys < "$work/time"
    awk -v f="$format" -v s="$servers" -v k="$n" -v a="$start" -v b="$end" -v r="$rss" -v u="$user" -v y="$sys" \
      'BEGIN { t = b - a; c = u + y; printf "| %s | %d | %d | %.2f | %.0f | %.2f | %.0f | %.0f |\n", f, s, k, t, k / t, c, k / c, r / 1024 }'
  done
done
echo
echo "Java $(java -version 2>&1 | head -1 | sed 's/.*"\(.*\)".*/\1/'), $(nproc) cores, $(date -u +%Y-%m-%d); \`bench/resolve-throughput.sh $keys $servers\`"
