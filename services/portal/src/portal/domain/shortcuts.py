"""The worklist's keyboard shortcuts (WL-9): which keys do what, shown in the "?" list and in the buttons' titles.

Issue 15 item 15: Ctrl+1, Ctrl+S, Ctrl+D and Ctrl+P are Chromium's own (tab 1, save page, bookmark, print) and a
real browser keeps them; Ctrl+←/→ move the cursor word by word in a field. The keys below are none of Chromium's
accelerators (chrome/browser/ui/views/accelerator_table.cc: Alt+D/E/F, Alt+1..9 on Linux, Alt+←/→, Alt+Home,
Alt+Shift+A/B/I/T are). On the annotation screen they work while typing in a field (Alt+letter, read from the key's
position so Option+letter on a Mac works too); on the list, plain letters act when no field has the focus, as in
Gmail. worklist.js binds the same keys: ``KEY_*`` here and its table say the same.
"""
from __future__ import annotations

from portal.i18n import N_

# key names are texts: a German keyboard says "Entf" where others say "Delete"
KEY_NEXT_ROW, KEY_PREVIOUS_ROW, KEY_OPEN = "j", "k", "o"
KEY_BACK, KEY_NEXT, KEY_PREVIOUS = N_("Alt+S"), N_("Alt+N"), N_("Alt+P")
KEY_DELETE, KEY_COUNTERPARTY = N_("Alt+Delete"), N_("Alt+C")

LIST_SHORTCUTS = (
    (KEY_NEXT_ROW, N_("Worklist: next document of the list")),
    (KEY_PREVIOUS_ROW, N_("Worklist: previous document of the list")),
    (KEY_OPEN, N_("Worklist: open the chosen document (the first when none is chosen)")),
)
ANNOTATION_SHORTCUTS = (
    (KEY_BACK, N_("Process (check) and go back to the list")),
    (KEY_NEXT, N_("Process (check) and open the next document")),
    (KEY_PREVIOUS, N_("Previous document (asks what to do with unsaved changes)")),
    (KEY_DELETE, N_("Delete the document")),
    (KEY_COUNTERPARTY, N_("Edit the counterparty")),
    (N_("Enter"), N_("In a number field: calculate (12+25 → 37)")),
)
SHORTCUTS = (*LIST_SHORTCUTS, *ANNOTATION_SHORTCUTS, ("?", N_("This list of shortcuts")))
