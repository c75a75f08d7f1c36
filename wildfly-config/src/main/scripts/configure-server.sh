#!/usr/bin/env bash
# Applies the configure-*.cli scripts to standalone-ha.xml of the server unpacked by the build,
# in one embedded server (no ports opened). Called by the package phase of wildfly-config.
#
#   configure-server.sh SERVER_DIR CLI_DIR
#
# Skips the work while neither the scripts nor the distribution have changed. Otherwise it starts again
# from WildFly's own standalone-ha.xml, so a script that changed or went away leaves nothing
# behind, and leaves no history, log or data of the embedded run in standalone/.
set -euo pipefail

server=$1
cli_dir=$2
config_dir=$server/standalone/configuration
config=$config_dir/standalone-ha.xml
work=$server/../meerkat-config
pristine=$work/standalone-ha.xml
stamp=$work/configured.stamp
script=$(readlink -f "${BASH_SOURCE[0]}")

if [[ ! -f "$pristine" ]]; then
    echo "meerkat-wildfly: $pristine is missing: the distribution was not unpacked" >&2
    exit 1
fi
# Up to date: configured from the same distribution with the same scripts (a digest of all of
# them is kept in the stamp file)
digest=$( { echo "$cli_dir"/configure-*.cli; cat "$pristine" "$script" "$cli_dir"/configure-*.cli; } \
    | sha256sum | cut -d' ' -f1)
if [[ -f "$stamp" && "$(cat "$stamp")" == "$digest" ]] && grep -q 'name="xmpp-c2s"' "$config"; then
    echo "meerkat-wildfly: $config is up to date"
    exit 0
fi
rm -f "$stamp"

cp "$pristine" "$config"
build_cli=$work/build.cli
{
    echo "embed-server --server-config=standalone-ha.xml --std-out=discard"
    for file in "$cli_dir"/configure-*.cli; do
        echo "# ---- $(basename "$file")"
        cat "$file"
        echo
    done
    echo "stop-embedded-server"
} > "$build_cli"

echo "meerkat-wildfly: applying $(cd "$cli_dir" && echo configure-*.cli) to $config"
if ! JBOSS_HOME=$server "$server/bin/jboss-cli.sh" --file="$build_cli" > "$work/build-cli.log" 2>&1; then
    cat "$work/build-cli.log" >&2
    echo "meerkat-wildfly: the CLI scripts failed; the log is $work/build-cli.log" >&2
    exit 1
fi

# What the embedded run left that a node's copy of standalone/ must not inherit
rm -rf "$config_dir/standalone_xml_history" "$server/standalone/data" \
    "$server/standalone/log" "$server/standalone/tmp"
echo "$digest" > "$stamp"
