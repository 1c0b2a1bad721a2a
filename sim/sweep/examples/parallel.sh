#!/usr/bin/env bash
# Runs a sweep as SHARDS shards with GNU parallel, then merges them into OUT (shard I goes to OUT-shard-I).
#   sim/sweep/examples/parallel.sh SWEEP.yaml SHARDS OUT [SSHLOGINS]
# Without SSHLOGINS all shards run on this machine at once. With them (e.g. 1/alice@node1,1/alice@node2),
# each host runs one shard at a time on all its cores; every host needs its own copy of this repository at the
# same absolute path with `npm ci` done (and the sweep file inside it); each shard's directory is copied back
# here and removed from the host. Not for hosts that share this filesystem: --cleanup would delete the results.
# If a shard fails (a host drops out, a job is killed), nothing is merged and this exits 1: run the same
# command again; shards that finished skip all their points, an interrupted one resumes from its point files.
set -euo pipefail
if [ $# -lt 3 ] || [ $# -gt 4 ] || ! [[ $2 =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 SWEEP.yaml SHARDS OUT [SSHLOGINS] (SHARDS: a positive integer)" >&2
  exit 2
fi
# Absolute paths, so the jobs (which run in the repository root, here or on a host) find the same files.
sweep=$(realpath -m -- "$1")
shards=$2
out=$(realpath -m -- "$3")
sshlogins=${4:-}
repo=$(cd -- "$(dirname -- "$0")/../../.." && pwd)
cd "$repo"

if [ -n "$sshlogins" ]; then
  where=(--sshlogin "$sshlogins" --workdir "$repo" --return "$out-shard-{}" --cleanup)
else
  where=(--jobs "$shards")
fi
# --will-cite: GNU parallel's citation notice would otherwise go to stderr on every run.
# -q: the command's words are passed as they are (paths with spaces survive the shell on each host).
if ! parallel --will-cite --tag -q "${where[@]}" \
  node bin/priceclass.js sweep "$sweep" --shard "{}/$shards" --out "$out-shard-{}" \
  ::: $(seq 0 $((shards - 1))); then
  echo "$0: a shard failed (see above); nothing merged: run the same command again to finish the sweep" >&2
  exit 1
fi
node bin/priceclass.js merge $(seq -f "$out-shard-%g" 0 $((shards - 1))) --out "$out"
