#!/usr/bin/env bash
# `make status`: each component and service with its address and state; exits 1 when one is down.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

rc=0
echo "components:"
for c in postgres kafka s3 tryton tesseract mailsink pgexporter blackbox alertmanager prometheus; do
    bash "$BF_LOCAL/$c.sh" status | sed 's/^/  /' || rc=1
done
echo "services:"
bash "$BF_LOCAL/services.sh" status | sed 's/^/  /' || rc=1
echo "portal: http://$BF_BIND:$BF_PORT_PORTAL/   state: $STACK   logs: $LOGS   mail: $STACK/mail (make mail)"
exit $rc
