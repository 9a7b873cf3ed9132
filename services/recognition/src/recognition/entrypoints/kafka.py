"""What recognition follows on Kafka: document.received (read it), dossier.changed (the dossier's VAT number).

Reading a document is two-phase: the slow reading outside the inbox transaction (prepare_reading), then a short
one publishing the outcome (publish_reading); both get the service's Deps from the runtime.
"""
from __future__ import annotations

from runtime import replica
from runtime.inbox import TwoPhase

from recognition.handlers.recognise import prepare_reading, publish_reading

EVENT_HANDLERS = {"document.received": TwoPhase(prepare=prepare_reading, apply=publish_reading),
                  "dossier.changed": replica.projection()}  # the platform's dossier replica: its VAT number
