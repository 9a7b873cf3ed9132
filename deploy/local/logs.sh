#!/usr/bin/env bash
# `make logs`: follows every log of the stack (components and services); Ctrl-C to stop.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

shopt -s nullglob
logs=("$LOGS"/*.log)
((${#logs[@]})) || die "no logs in $LOGS yet: run 'make up'"
exec tail -n 20 -F "${logs[@]}"
