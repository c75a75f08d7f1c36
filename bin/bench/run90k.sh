#!/usr/bin/env bash
# The "90,000 idle sessions on a 5-node cluster" figure (docs/BENCHMARKS.md): starts the nodes in
# one cluster on a fresh PostgreSQL database, seeds the accounts with SQL, runs one `idle` load
# process per node, waits until the cluster lists every session, prints sessions, live heap and
# RSS per node, then stops the load processes and the nodes.
#
#   bin/bench/run90k.sh [--nodes 1,2,3,4,5] [--sessions 18000] [--db meerkat_90k] [--hold 30]
#                       [--wait 1800] [--keep-db]
#
# --sessions is per node. Each node's load binds to 127.0.K.2-127.0.K.3 (K = its place in the
# list, 1-based), two source addresses for up to ~56,000 connections. The database is dropped and
# created again (PostgreSQL at 127.0.0.1:5432, user $MEERKAT_DB_USER or postgres, trust
# authentication), and dropped at the end unless --keep-db. Node environment as for bin/meerkat
# (MEERKAT_HEAP etc.); MEERKAT_START_TIMEOUT defaults to 600 here.
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
nodes=(1 2 3 4 5)
sessions=18000
db=meerkat_90k
hold=30
wait_limit=1800
keep_db=false
password=load-test-password # the load tool's (IdleScenario.PASSWORD)
domain=localhost

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case $1 in
        --nodes) IFS=, read -r -a nodes <<<"$2"; shift 2 ;;
        --sessions) sessions=$2; shift 2 ;;
        --db) db=$2; shift 2 ;;
        --hold) hold=$2; shift 2 ;;
        --wait) wait_limit=$2; shift 2 ;;
        --keep-db) keep_db=true; shift ;;
        *) usage ;;
    esac
done
[[ $db =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "run90k: --db must be a plain lower-case name" >&2; exit 2; }
[[ $sessions =~ ^[0-9]+$ && $sessions -ge 1 ]] || usage

export MEERKAT_DB_USER=${MEERKAT_DB_USER:-postgres}
export MEERKAT_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db
export MEERKAT_CLUSTER_NAME=$db
export MEERKAT_CLUSTER_DISCOVERY=jdbc
export MEERKAT_START_TIMEOUT=${MEERKAT_START_TIMEOUT:-600}
export PGOPTIONS='--client-min-messages=warning' # no notice for a database that is not there
psql_db() { psql -h 127.0.0.1 -U "$MEERKAT_DB_USER" -v ON_ERROR_STOP=1 -Atq "$@"; }
var=$(readlink -m "${MEERKAT_VAR:-$home/var}")
logs=$home/testsuite/target/load/run90k-$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$logs"
total=$((sessions * ${#nodes[@]}))
loads=()

cleanup() {
    set +e
    for pid in "${loads[@]}"; do
        kill "$pid" 2>/dev/null
    done
    for pid in "${loads[@]}"; do
        wait "$pid" 2>/dev/null
    done
    for n in "${nodes[@]}"; do
        "$home/bin/meerkat" stop --node "$n"
    done
    if [[ $keep_db == false ]]; then
        psql_db -d postgres -c "DROP DATABASE IF EXISTS $db"
    fi
    echo "run90k: logs in $logs"
}
trap cleanup EXIT

stamp() { echo "run90k $(date -u +%H:%M:%S): $*"; }

stamp "${#nodes[@]} nodes (${nodes[*]}), $sessions sessions each, database $db, load $(cut -d' ' -f1-3 /proc/loadavg)"
psql_db -d postgres -c "DROP DATABASE IF EXISTS $db"
psql_db -d postgres -c "CREATE DATABASE $db"

# One node after the other: each joins the cluster of the ones before it (JDBC_PING).
for n in "${nodes[@]}"; do
    stamp "starting node $n"
    "$home/bin/meerkat" start --node "$n" >"$logs/start-node$n.log" 2>&1 \
        || { cat "$logs/start-node$n.log" >&2; exit 1; }
done
"$home/bin/meerkatctl" --node "${nodes[0]}" cluster-status

# Accounts: one registered through the server, so that its SCRAM keys (RFC 5802 §5.1: salt,
# iterations, StoredKey, ServerKey) are the server's own; every other account is a copy of that
# row under another name. All share the tool's password (and salt), which a benchmark allows.
stamp "seeding $total accounts"
template=run90k-template
"$home/bin/meerkatctl" --node "${nodes[0]}" register "$template" "$domain" "$password" >/dev/null
for n in "${nodes[@]}"; do
    psql_db -d "$db" <<SQL
INSERT INTO meerkat_account (jid, domainpart, localpart,
        sha1_salt, sha1_iterations, sha1_stored_key, sha1_server_key,
        sha256_salt, sha256_iterations, sha256_stored_key, sha256_server_key, version)
    SELECT 'n$n-' || g || '@' || t.domainpart, t.domainpart, 'n$n-' || g,
        t.sha1_salt, t.sha1_iterations, t.sha1_stored_key, t.sha1_server_key,
        t.sha256_salt, t.sha256_iterations, t.sha256_stored_key, t.sha256_server_key, t.version
    FROM meerkat_account t, generate_series(0, $((sessions - 1))) g
    WHERE t.jid = '$template@$domain'
    ON CONFLICT (jid) DO NOTHING;
SQL
done
stamp "accounts: $(psql_db -d "$db" -c "SELECT count(*) FROM meerkat_account WHERE localpart LIKE 'n%-%'")"

# One load process per node, each from its own source addresses, holding until killed.
k=0
for n in "${nodes[@]}"; do
    k=$((k + 1))
    "$home/bin/meerkat-load" idle --node "$n" --sessions "$sessions" --create-accounts false \
        --prefix "n$n-" --sources "127.0.$k.2-127.0.$k.3" --hold 86400 \
        --csv "$logs/idle-node$n.csv" >"$logs/load-node$n.log" 2>&1 &
    loads+=($!)
done

# Until the cluster lists every session (or --wait seconds, or a load process ends early).
started=$(date +%s)
while true; do
    listed=$("$home/bin/meerkatctl" --node "${nodes[0]}" cluster-status 2>/dev/null \
        | awk -F'\t' '$3 ~ / sessions$/ { split($3, a, " "); s += a[1] } END { print s + 0 }')
    stamp "sessions listed: $listed of $total, load $(cut -d' ' -f1-3 /proc/loadavg)"
    [[ $listed -ge $total ]] && break
    for pid in "${loads[@]}"; do
        kill -0 "$pid" 2>/dev/null || { stamp "a load process ended early; see $logs"; exit 1; }
    done
    (( $(date +%s) - started < wait_limit )) || { stamp "not all sessions after $wait_limit s"; exit 1; }
    sleep 10
done
stamp "all $total sessions up after $(( $(date +%s) - started )) s; holding $hold s"
sleep "$hold"

"$home/bin/meerkatctl" --node "${nodes[0]}" cluster-status
printf '%-8s %10s %14s %10s %8s\n' node sessions "live heap MiB" "RSS MiB" threads
for n in "${nodes[@]}"; do
    pid=$(cat "$var/node$n/meerkat.pid")
    count=$("$home/bin/meerkatctl" --node "$n" cluster-status \
        | awk -F'\t' -v me="node$n" '$1 == me { split($3, a, " "); print a[1] }')
    # GC.class_histogram runs a full collection first: what is left is the live heap
    heap=$(jcmd "$pid" GC.class_histogram | awk '$1 == "Total" { printf "%.1f", $3 / 1048576 }')
    rss=$(awk '$1 == "VmRSS:" { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")
    threads=$(awk '$1 == "Threads:" { print $2 }' "/proc/$pid/status")
    printf '%-8s %10s %14s %10s %8s\n' "node$n" "$count" "$heap" "$rss" "$threads"
done
for pid in "${loads[@]}"; do
    rss=$(awk '$1 == "VmRSS:" { printf "%.1f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || echo '?')
    echo "load process $pid: RSS $rss MiB"
done
stamp "stopping"
