#!/usr/bin/env bash
# `make test` (after `make up`): the whole test suite with pytest against the running stack.
# PYTEST_ARGS passes options through, e.g. make test PYTEST_ARGS='-k outbox -x'.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

step "Browser for the portal's end-to-end tests (Debian chromium)"
bash "$BF_LOCAL/chromium.sh"

eval "args=(${PYTEST_ARGS:-})"
step "pytest ${args[*]}"
set +e
"$PY" -m pytest "${args[@]}"
rc=$?
set -e
case $rc in
    0) ;;
    5) warn "pytest collected no tests (exit 5): counted as a failure" ;;
    *)
        if [[ -n ${CI:-} ]]; then
            # In CI nobody can look at .stack/ afterwards: show the state and the logs' tails.
            bash "$BF_LOCAL/status.sh" || true
            for f in "$LOGS"/*.log; do log_tail "$f" 30; done
        fi
        ;;
esac
exit $rc
