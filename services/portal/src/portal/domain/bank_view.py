"""What the bank statement pages say about codes the sync-connector answers (issue 17): states, match rules and
refusal reasons as texts in the user's language (marked here, translated in the catalogs)."""
from __future__ import annotations

from portal.i18n import N_

STATES = {"received": N_("Importing"), "imported": N_("Imported"), "refused": N_("Refused"),
          "duplicate": N_("Already imported")}
STATE_BADGES = {"imported": "ok", "refused": "red", "duplicate": "", "received": "warn"}
RULES = {"structured_reference": N_("Structured communication"), "rf_reference": N_("RF reference"),
         "invoice_number": N_("Invoice number in the communication"), "iban_amount": N_("Account and amount"),
         "amount_date": N_("Amount and date"), "manual": N_("Matched by hand")}
REFUSALS = {"unbalanced_statement": N_("The balances do not add up"),
            "malformed_statement": N_("Not a valid CODA or camt.053 file"),
            "several_statements": N_("Several statements in one file"),
            "DossierNotFound": N_("The dossier is not linked to its accounting software")}
FORMATS = {"coda": "CODA", "camt053": "camt.053"}
