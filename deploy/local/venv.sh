#!/usr/bin/env bash
# The one Python virtualenv of the repository (.venv/): created with python3.11 when missing;
# requirements.in (the direct dependencies, tests' included) and every lib and service in
# editable mode, each service's bench/ package too (evaluations, benchmarks, demo seeding: not shipped),
# all pinned by constraints.txt. The install is re-run only when constraints.txt,
# requirements.in or a pyproject.toml changed (stamp file .venv/.bf-stamp).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

fingerprint() {
    # constraints + every pyproject (their paths too: a new service changes the fingerprint)
    {
        for f in constraints.txt requirements.in libs/*/pyproject.toml services/*/pyproject.toml \
                 services/*/bench/pyproject.toml; do
            [[ -f $f ]] || continue
            echo "$f"
            cat "$f"
        done
    } | sha256sum | cut -d' ' -f1
}

ensure_venv() {
    local stamp="$VENV/.bf-stamp" want py args start
    start="$(date +%s)"
    want="$(fingerprint)"
    step "Python virtualenv (.venv)"
    if [[ -x $PY && -f $stamp && "$(<"$stamp")" == "$want" ]]; then
        ok ".venv up to date"
        return 0
    fi
    if [[ ! -x $PY ]]; then
        py="${BF_PYTHON:-$(command -v python3.11 || true)}"
        [[ -n $py ]] || die "python3.11 not found (set BF_PYTHON to a Python 3.11 interpreter)"
        info "creating .venv with $py"
        "$py" -m venv "$VENV"
        "$PY" -m pip install -q --upgrade pip
    fi
    args=(-c constraints.txt)
    [[ -f requirements.in ]] && args+=(-r requirements.in)
    args+=(-e libs/contracts -e libs/platform)
    for f in services/*/pyproject.toml services/*/bench/pyproject.toml; do
        [[ -f $f ]] && args+=(-e "$(dirname "$f")")
    done
    info "pip install ${args[*]}"
    "$PY" -m pip install -q --disable-pip-version-check "${args[@]}" || die "pip install failed"
    echo "$want" >"$stamp"
    ok ".venv ready ($("$PY" --version), $(($(date +%s) - start))s)"
}

with_lock venv ensure_venv
