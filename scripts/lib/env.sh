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

# Bold only on a terminal, and never with NO_COLOR set (no-color.org): a log
# file or a CI page gets plain text. pw_bold_on FD / pw_bold_off FD.
pw_styled() { [ -z "${NO_COLOR:-}" ] && [ -t "$1" ]; }
pw_bold_on() { pw_styled "$1" && printf '\033[1m' >&"$1"; return 0; }
pw_bold_off() { pw_styled "$1" && printf '\033[0m' >&"$1"; return 0; }
pw_log() { { pw_bold_on 2; printf '==> %s' "$*" >&2; pw_bold_off 2; printf '\n' >&2; }; }

# emcmake echoes its whole cmake command line ("configure: cmake ... ") on
# stderr; keep cmake's own messages and errors, drop that echo.
pw_emcmake() { emcmake "$@" 2> >(grep -v '^configure: cmake ' >&2); }

# ccache (CMakeLists.txt uses it when installed): paths relative to the
# checkout, so a fresh clone of the same commit in another folder hits the cache.
export CCACHE_BASEDIR="$PW_ROOT"
export CCACHE_NOHASHDIR=1
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
