#!/usr/bin/env bash
# npm run test:slurm [-- SWEEP.yaml [SHARDS]]: the README's Slurm array job (sim/sweep/examples/sweep.sbatch), run
# for real on a one-node Slurm cluster started here from Debian's packages. Installs slurmctld, slurmd and munge
# if missing (apt, as root), starts munged, slurmctld and slurmd with their config, state, sockets and logs in a
# temp dir (nothing in /etc is used or changed), submits the array job, waits for it, merges the shards, compares
# the CSV byte for byte with a single-machine sweep, resubmits one task to show a retry resumes, and stops the
# daemons it started. Not part of CI (it needs root and takes a while to install). On a host with systemd, apt
# also starts Debian's own munge (and tries slurmd, slurmctld) from /etc: those are not this script's, and it
# leaves them alone.
set -euo pipefail
repo=$(cd -- "$(dirname -- "$0")/.." && pwd)
cd "$repo"
sweep=${1:-fixtures/sweeps/tiny.yaml}
shards=${2:-4}
sbatch_file=sim/sweep/examples/sweep.sbatch
ctld_port=16817   # not Slurm's defaults (6817/6818), so a Slurm already on this machine is left alone
slurmd_port=16818
job_timeout_s=600
start_s=$SECONDS

say() { echo "slurm-test: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

install_packages() {
  local missing=()
  command -v slurmctld >/dev/null || missing+=(slurmctld)
  command -v slurmd >/dev/null || missing+=(slurmd)
  command -v sbatch >/dev/null || missing+=(slurm-client)
  command -v munged >/dev/null || missing+=(munge)
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" -eq 0 ] || fail "needs root to install ${missing[*]} (apt-get)"
  say "installing ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

[ "$(id -u)" -eq 0 ] || fail "run as root (slurmd starts jobs as their user; here that is root)"
install_packages
tmp=$(mktemp -d /tmp/priceclass-slurm.XXXXXX)
# munged wants every directory above its socket searchable by all and writable by its owner only.
chmod 0755 "$tmp"
mkdir -p "$tmp"/{munge,state,spool,log,run,jobs}
export SLURM_CONF=$tmp/slurm.conf
host=$(hostname -s)
daemon_pids=()
job_ids=()
ok=0

# Runs at exit, also after a failure or Ctrl-C: cancels our jobs, then stops the daemons one at a time, newest
# first (slurmd needs slurmctld and munged to end the jobs' steps cleanly; all of them need munged).
stop_daemons() {
  local i
  if [ ${#job_ids[@]} -gt 0 ]; then
    scancel "${job_ids[@]}" 2>/dev/null || true
    poll 30 jobs_gone || say "jobs ${job_ids[*]} still listed after scancel; stopping the daemons anyway"
  fi
  for ((i = ${#daemon_pids[@]} - 1; i >= 0; i--)); do stop_pid "${daemon_pids[i]}"; done
  if [ "$ok" = 1 ]; then rm -rf "$tmp"; else say "kept $tmp (logs in $tmp/log, job output in $tmp/jobs)"; fi
}

jobs_gone() { [ -z "$(IFS=,; squeue --noheader --jobs="${job_ids[*]}" 2>/dev/null)" ]; }

# stop_pid PID: SIGTERM, then SIGKILL if it has not exited within 15 s.
stop_pid() {
  kill -TERM "$1" 2>/dev/null || return 0
  poll 15 pid_gone "$1" || { say "pid $1 ignored SIGTERM: SIGKILL"; kill -KILL "$1" 2>/dev/null || true; }
  wait "$1" 2>/dev/null || true
}

pid_gone() { ! kill -0 "$1" 2>/dev/null; }

# poll TIMEOUT_S COMMAND...: retries COMMAND every 0.5 s; returns 1 if it has not succeeded within TIMEOUT_S.
poll() {
  local deadline_s=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline_s ] || return 1
    sleep 0.5
  done
}

trap stop_daemons EXIT
trap "exit 130" INT TERM

start_munge() {
  mungekey --create --keyfile="$tmp/munge/munge.key"
  munged --foreground --socket="$tmp/munge/munge.socket" --key-file="$tmp/munge/munge.key" \
    --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/log/munged.log" --seed-file="$tmp/munge/munged.seed" \
    >"$tmp/log/munged.console" 2>&1 &
  daemon_pids+=($!)
  wait_for "munged" 20 munge --socket="$tmp/munge/munge.socket" --no-input
}

write_slurm_conf() {
  cat > "$SLURM_CONF" <<CONF
ClusterName=priceclass-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/munge.socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/run/slurmctld.pid
SlurmdPidFile=$tmp/run/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
# No cgroups: plain process tracking and no task binding work in a VM or container without cgroup delegation.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SwitchType=switch/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
}

# wait_for WHAT TIMEOUT_S COMMAND...: retries COMMAND every 0.5 s until it succeeds; fails if it does not
# within TIMEOUT_S or if a daemon we started exits meanwhile.
wait_for() {
  local what=$1 timeout_s=$2
  shift 2
  local deadline_s=$((SECONDS + timeout_s))
  until "$@" >/dev/null 2>&1; do
    for pid in "${daemon_pids[@]}"; do
      if pid_gone "$pid"; then fail "a daemon (pid $pid) exited while waiting for $what (logs in $tmp/log)"; fi
    done
    [ $SECONDS -lt $deadline_s ] || fail "$what not ready after ${timeout_s} s (logs in $tmp/log)"
    sleep 0.5
  done
}

node_idle() { [ "$(sinfo --noheader --nodes="$host" --format=%T)" = idle ]; }

start_slurm() {
  # -D: in the foreground, so $! is the daemon itself (it also logs to the console: kept in log/*.console)
  slurmctld -D -f "$SLURM_CONF" >"$tmp/log/slurmctld.console" 2>&1 &
  daemon_pids+=($!)
  wait_for slurmctld 30 scontrol ping
  slurmd -D -f "$SLURM_CONF" >"$tmp/log/slurmd.console" 2>&1 &
  daemon_pids+=($!)
  wait_for "node $host idle" 60 node_idle
  say "one-node cluster up: $(sinfo --noheader --format='%P %D %T %c CPUs')"
}

# submit ARRAY: runs the sbatch file as that array job and waits until every task has ended; fails unless all
# completed. Polls squeue each 0.5 s: `sbatch --wait` works too but polls ever more slowly (it added ~30 s here).
submit() {
  local job_id states
  job_id=$(sbatch --parsable --array="$1" --output="$tmp/jobs/%x-%A_%a.out" \
    "$sbatch_file" "$sweep" "$shards" "$tmp/out")
  job_ids+=("$job_id")
  wait_for "array job $job_id" "$job_timeout_s" job_ended "$job_id"
  # No accounting database here (so no sacct): scontrol remembers ended jobs for MinJobAge (300 s).
  states=$(scontrol --oneliner show job "$job_id" | grep -o 'JobState=[A-Z_]*' | sort | uniq -c | xargs)
  if [ "$states" != "$(echo "$states" | grep -o '^[0-9]*') JobState=COMPLETED" ]; then
    cat "$tmp"/jobs/*.out >&2 || true
    fail "sbatch --array=$1 $sbatch_file: tasks ended as: $states"
  fi
}

job_ended() { [ -z "$(squeue --noheader --jobs="$1" 2>/dev/null)" ]; }

shard_dirs() { seq -f "$tmp/out-shard-%g" 0 $((shards - 1)); }

start_munge
write_slurm_conf
start_slurm

say "single-machine sweep of $sweep"
node bin/priceclass.js sweep "$sweep" --out "$tmp/single" >/dev/null 2>"$tmp/log/single.err" \
  || { cat "$tmp/log/single.err" >&2; fail "single-machine sweep"; }

job_start_s=$SECONDS
say "sbatch --array=0-$((shards - 1)) $sbatch_file $sweep $shards OUT"
submit "0-$((shards - 1))"
say "array job done in $((SECONDS - job_start_s)) s; $(grep -h 'priceclass sweep:' "$tmp"/jobs/*.out | wc -l) task logs"
node bin/priceclass.js merge $(shard_dirs) --out "$tmp/out"
cmp "$tmp/single/sweep.csv" "$tmp/out/sweep.csv" || fail "merged CSV differs from the single-machine CSV"
say "merged CSV is byte-identical to the single-machine CSV ($(wc -l < "$tmp/out/sweep.csv") lines)"

# A retried task: drop one of shard 1's points and resubmit only index 1, as the README says to.
rm "$(ls "$tmp/out-shard-1/points/"*.json | head -1)"
rm -rf "$tmp/jobs"/*
submit 1
grep -q "already done, 1 run" "$tmp"/jobs/*.out \
  || { cat "$tmp"/jobs/*.out >&2; fail "the retried task did not run just its missing point"; }
node bin/priceclass.js merge $(shard_dirs) --out "$tmp/out"
cmp "$tmp/single/sweep.csv" "$tmp/out/sweep.csv" || fail "CSV after the retry differs"
say "resubmitted task 1 ran only its one missing point; CSV still byte-identical"

ok=1
say "PASSED in $((SECONDS - start_s)) s (Slurm $(sinfo --version | cut -d' ' -f2), $shards array tasks)"
