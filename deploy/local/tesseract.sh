#!/usr/bin/env bash
# OCR tools from Debian's packages: tesseract with fra, nld, deu, eng (and osd, for page
# orientation), and poppler-utils (pdf2image
# and pdftoppm need it). Nothing runs as a server: `start` installs what is missing, `stop` does
# nothing, `status` checks that the binaries and the four languages are there.
#   tesseract.sh start | stop | status
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LANGS=(fra nld deu eng osd)

missing_packages() {
    local have l
    command -v tesseract >/dev/null || echo tesseract-ocr
    have="$(tesseract --list-langs 2>/dev/null || true)"
    for l in "${LANGS[@]}"; do
        grep -qx "$l" <<<"$have" || echo "tesseract-ocr-$l"
    done
    command -v pdftoppm >/dev/null || echo poppler-utils
}

do_start() {
    local missing
    missing="$(missing_packages)"
    if [[ -n $missing ]]; then
        info "installing OCR packages: $(echo $missing)"
        # shellcheck disable=SC2086 # one package per word
        apt_install $missing
        missing="$(missing_packages)"
        [[ -z $missing ]] || die "still missing after install: $(echo $missing)"
    fi
    ok "tesseract $(tesseract --version 2>&1 | head -1 | awk '{print $2}') (${LANGS[*]}) and poppler-utils installed"
}

do_stop() { :; }

do_status() {
    local missing
    missing="$(missing_packages)"
    if [[ -z $missing ]]; then
        echo "up   tesseract       $(command -v tesseract) (${LANGS[*]}), $(command -v pdftoppm)"
    else
        echo "DOWN tesseract       missing: $(echo $missing) (make up installs them)"
        return 1
    fi
}

component_main "$@"
