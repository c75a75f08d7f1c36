#!/usr/bin/env bash
# Adds Meerkat to a WildFly managed domain, or takes it out again (docs/DOMAIN.md).
#
#   meerkat-domain.sh configure [options]   profile, socket bindings, server group, deployment
#   meerkat-domain.sh remove    [options]   the reverse
#   meerkat-domain.sh print-configure|print-remove [options]   only print the CLI script
#
# The domain profile gets exactly what wildfly-config/cli/configure-*.cli give a standalone
# server: the same scripts, with each /subsystem= address moved under /profile=PROFILE and the
# socket bindings into the profile's socket binding group. So a standalone node and a domain
# server of one build are configured alike, and there is one set of scripts to keep.
#
# Options:
#   --controller HOST:PORT  a running domain controller's management interface (jboss-cli -c);
#                           without it the script runs on an embedded, offline host controller
#                           over --domain-dir (nothing may be running on that directory)
#   --user NAME --password SECRET   management credentials for --controller
#   --jboss-home DIR        the WildFly whose bin/jboss-cli.sh runs the script
#                           (default: the server this repository builds, wildfly-config/target/wildfly)
#   --domain-dir DIR        jboss.domain.base.dir for the embedded mode (default: JBOSS_HOME/domain)
#   --host-config FILE      host configuration for the embedded mode (default: host.xml)
#   --host NAME             the host that gets --add-server entries (default: primary)
#   --profile NAME          default: ha (a profile with JGroups and Infinispan clustering)
#   --socket-group NAME     default: ha-sockets
#   --group NAME            the server group for Meerkat (default: meerkat)
#   --heap SIZE             maximum heap of the group's servers (default: 1g)
#   --ear FILE              the application (default: ear/target/meerkat.ear); configure deploys it
#   --no-deploy             configure everything but the deployment
#   --add-server NAME:OFFSET   a server in the group on --host, with that socket port offset
#                           (repeatable; its jboss.node.name and jboss.tx.node.id are NAME)
#   --remove-server NAME    a server of --host to remove: for configure, such as the example
#                           servers of a new WildFly domain (server-one, server-two, server-three);
#                           for remove, the group's servers (stopped first)
#   --property NAME=VALUE   a system property for the group's servers, e.g. meerkat.domain=example.org
#                           or meerkat.cluster.name=... (repeatable; every MEERKAT_* setting has
#                           a property of the same name in lower case with dots)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
home=$(cd "$here/../.." && pwd)
cli_dir=$home/wildfly-config/cli

die() {
    echo "meerkat-domain: $*" >&2
    exit 1
}

[[ $# -ge 1 ]] || die "usage: meerkat-domain.sh configure|remove|print-configure|print-remove [options] (see the head of this script)"
action=$1
shift

controller="" user="" password="" jboss_home=$home/wildfly-config/target/wildfly domain_dir=""
host_config=host.xml host=primary profile=ha sockets=ha-sockets group=meerkat heap=1g
ear=$home/ear/target/meerkat.ear deploy=true
servers=() properties=() unwanted=()
while [[ $# -gt 0 ]]; do
    [[ $1 == --no-deploy ]] && { deploy=false; shift; continue; }
    [[ $# -ge 2 ]] || die "option $1 needs a value"
    case $1 in
        --controller) controller=$2 ;;
        --user) user=$2 ;;
        --password) password=$2 ;;
        --jboss-home) jboss_home=$2 ;;
        --domain-dir) domain_dir=$2 ;;
        --host-config) host_config=$2 ;;
        --host) host=$2 ;;
        --profile) profile=$2 ;;
        --socket-group) sockets=$2 ;;
        --group) group=$2 ;;
        --heap) heap=$2 ;;
        --ear) ear=$2 ;;
        --add-server)
            [[ $2 =~ ^[A-Za-z0-9_.-]+:[0-9]+$ ]] || die "--add-server takes NAME:OFFSET, not '$2'"
            servers+=("$2") ;;
        --remove-server)
            [[ $2 =~ ^[A-Za-z0-9_.-]+$ ]] || die "--remove-server takes a server name, not '$2'"
            unwanted+=("$2") ;;
        --property)
            [[ $2 =~ ^[A-Za-z0-9_.-]+=.*$ ]] || die "--property takes NAME=VALUE, not '$2'"
            properties+=("$2") ;;
        *) die "unknown option $1" ;;
    esac
    shift 2
done
for name in profile sockets group host; do
    [[ ${!name} =~ ^[A-Za-z0-9_.-]+$ ]] || die "--${name/sockets/socket-group} must be a plain name, not '${!name}'"
done
[[ $heap =~ ^[1-9][0-9]*[mMgG]$ ]] || die "--heap must be a size such as 512m or 4g, not '$heap'"

# A standalone script, its addresses moved into the profile and its socket binding group
to_domain() {
    sed -e "s#\\(^\\|[[:space:]]\\)/subsystem=#\\1/profile=$profile/subsystem=#g" \
        -e "s#/socket-binding-group=standard-sockets/#/socket-binding-group=$sockets/#g" "$1"
}

configure_script() {
    local file
    for file in "$cli_dir"/configure-*.cli; do
        echo "# ---- $(basename "$file"), for profile $profile"
        to_domain "$file"
        echo
    done
    cat <<EOF
# ---- the server group: Meerkat's servers run profile $profile
if (outcome != success) of /server-group=$group:read-resource
    batch
    /server-group=$group:add(profile=$profile, socket-binding-group=$sockets)
    run-batch
end-if

# Heap and collector of the group's servers (one socket per client; see docs/RUNNING.md)
if (outcome != success) of /server-group=$group/jvm=default:read-resource
    batch
    /server-group=$group/jvm=default:add(heap-size=64m, max-heap-size=$heap, jvm-options=["-XX:+UseG1GC"])
    run-batch
end-if
EOF
    local p name value s sname offset
    for p in "${properties[@]}"; do
        name=${p%%=*} value=${p#*=}
        cat <<EOF

# Setting $name for the group's servers
if (outcome == success) of /server-group=$group/system-property=$name:read-resource
    /server-group=$group/system-property=$name:remove
end-if
/server-group=$group/system-property=$name:add(value="$value")
EOF
    done
    for s in "${unwanted[@]}"; do
        cat <<EOF

# Server $s of host $host is not wanted
if (outcome == success) of /host=$host/server-config=$s:read-resource
    /host=$host/server-config=$s:remove
end-if
EOF
    done
    for s in "${servers[@]}"; do
        sname=${s%%:*} offset=${s#*:}
        cat <<EOF

# Server $sname on host $host, ports shifted by $offset; its cluster and transaction node name is $sname
if (outcome != success) of /host=$host/server-config=$sname:read-resource
    batch
    /host=$host/server-config=$sname:add(group=$group, socket-binding-port-offset=$offset, auto-start=true)
    /host=$host/server-config=$sname/system-property=jboss.node.name:add(value=$sname)
    /host=$host/server-config=$sname/system-property=jboss.tx.node.id:add(value=$sname)
    run-batch
end-if
EOF
    done
    if [[ $deploy == true ]]; then
        cat <<EOF

# ---- the application, on every server of the group (replaced when already there)
if (outcome == success) of /deployment=meerkat.ear:read-resource
    deploy $ear --force
else
    deploy $ear --server-groups=$group
end-if
if (outcome != success) of /server-group=$group/deployment=meerkat.ear:read-resource
    /server-group=$group/deployment=meerkat.ear:add(enabled=true)
end-if
EOF
    fi
}

remove_script() {
    local s file
    cat <<EOF
# ---- the application and the server group
if (outcome == success) of /server-group=$group/deployment=meerkat.ear:read-resource
    undeploy meerkat.ear --server-groups=$group
end-if
EOF
    # The group's servers: named with --remove-server (or --add-server, as for configure)
    for s in "${unwanted[@]}" "${servers[@]%%:*}"; do
        cat <<EOF
if (outcome == success) of /host=$host/server-config=$s:read-resource
    /host=$host/server-config=$s:remove
end-if
EOF
    done
    cat <<EOF
if (outcome == success) of /server-group=$group:read-resource
    /server-group=$group:remove
end-if
EOF
    # In the reverse order of configure: discovery needs the datasource, the EJB defaults name
    # the resource adapter
    local removes
    mapfile -t removes < <(printf '%s\n' "$cli_dir"/remove-*.cli | sort -r)
    for file in "${removes[@]}"; do
        echo "# ---- $(basename "$file"), for profile $profile"
        to_domain "$file"
        echo
    done
}

case $action in
    configure|print-configure) script=$(configure_script) ;;
    remove|print-remove) script=$(remove_script) ;;
    *) die "unknown action $action: configure, remove, print-configure or print-remove" ;;
esac
if [[ $action == print-* ]]; then
    printf '%s\n' "$script"
    exit 0
fi

if [[ $action == configure && $deploy == true && ! -f $ear ]]; then
    die "no application at $ear: build it (./mvnw -pl ear -am package) or give --ear"
fi
[[ -x $jboss_home/bin/jboss-cli.sh ]] || die "no WildFly at $jboss_home (give --jboss-home)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -n $controller ]]; then
    printf '%s\n' "$script" > "$work/meerkat.cli"
    args=(-c --controller="$controller" --file="$work/meerkat.cli")
    [[ -n $user ]] && args+=(--user="$user" --password="$password")
    JBOSS_HOME=$jboss_home "$jboss_home/bin/jboss-cli.sh" "${args[@]}"
else
    domain_dir=${domain_dir:-$jboss_home/domain}
    [[ -d $domain_dir/configuration ]] || die "no domain configuration in $domain_dir"
    {
        echo "embed-host-controller --host-config=$host_config --std-out=discard"
        printf '%s\n' "$script"
        echo "stop-embedded-host-controller"
    } > "$work/meerkat.cli"
    JAVA_OPTS="-Djboss.domain.base.dir=$domain_dir" JBOSS_HOME=$jboss_home \
        "$jboss_home/bin/jboss-cli.sh" --file="$work/meerkat.cli"
fi
echo "meerkat-domain: $action done (group $group, profile $profile)"
