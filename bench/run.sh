#!/usr/bin/env bash
# Runs the whole JMH suite (lookups, updates, builds, concurrency, JOL memory) and writes
# bench/results/<UTC time>/{*.json,paired.tsv,report.md}. The full run took 1,315 s on this 2-core VM
# (2026-12-01 03:02), of which 367 s were the paired head-to-head stage of issue 11's ratios (PairedTargets);
# --quick runs the headline targets only, with a 3-round paired stage.
# Run it on a quiet machine: every other process steals from the timed threads. --smoke (with or
# without --quick) runs everything in-process for 100 ms each, to prove the suite works; no numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl bench -am package -DskipTests
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)$([[ " $* " == *" --quick "* ]] && echo -quick || true)$([[ " $* " == *" --smoke "* ]] && echo -smoke || true)"
mkdir -p "$out"
java -Xmx2g -Djdk.attach.allowAttachSelf=true -cp bench/target/continuum-bench.jar \
  dev.continuum.bench.Suite "$@" --out "$out" 2>&1 | tee "$out/console.log"
echo "report: $out/report.md"
