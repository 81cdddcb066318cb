# Sourced by every script: paths and the environment our tools need.
# shellcheck shell=bash
PW_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export PW_ROOT
export PW_BUILD="${PW_BUILD:-$PW_ROOT/build}"
# Debian's emcc runs its JS optimizer with /usr/bin/node, which does not search
# Debian's /usr/share/nodejs: without this it fails with "Cannot find module 'acorn'".
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
PW_JOBS="${PW_JOBS:-$(nproc)}"
export PW_JOBS

pw_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# ccache (CMakeLists.txt uses it when installed): paths relative to the
# checkout, so a fresh clone of the same commit in another folder hits the cache.
export CCACHE_BASEDIR="$PW_ROOT"
export CCACHE_NOHASHDIR=1
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
