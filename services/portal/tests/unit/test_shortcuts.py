"""WL-9 / issue 15 item 15: the worklist's shortcuts are keys a real Chromium leaves to the page."""
import re
from pathlib import Path

from portal.domain import shortcuts

# Chromium's own accelerators on Linux and Windows (chrome/browser/ui/views/accelerator_table.cc), which a real,
# non-automated browser handles before the page sees them: the old Ctrl+1/S/D/P were among them.
CHROMIUM = {
    *(f"Ctrl+{k}" for k in "1 2 3 4 5 6 7 8 9 0 D W F G L O P R S T N H J K E U".split()),
    *(f"Ctrl+Shift+{k}" for k in "A B D G I J C M N O P R T W Delete".split()),
    *(f"Alt+{k}" for k in "1 2 3 4 5 6 7 8 9 D E F Home ← → F4".split()),
    *(f"Alt+Shift+{k}" for k in "A B I T".split()),
    "Ctrl+Tab", "Ctrl+PageUp", "Ctrl+PageDown", "F1", "F3", "F5", "F6", "F7", "F10", "F11", "F12",
}
JS = Path(shortcuts.__file__).resolve().parents[1] / "static" / "worklist.js"


def test_no_shortcut_is_one_of_chromiums_own():
    keys = [key for key, _ in shortcuts.SHORTCUTS]
    assert not set(keys) & CHROMIUM
    assert all(not key.startswith("Ctrl+") for key in keys)


def test_the_script_binds_the_keys_the_list_names():
    source = JS.read_text()
    annotation = re.search(r"var ANNOTATION_KEYS = \{(.*?)\n  \};", source, re.S).group(1)
    bound = {f"Alt+{k.capitalize()}" for k in re.findall(r'"(\w+)": ', annotation)}
    assert bound == {shortcuts.KEY_BACK, shortcuts.KEY_NEXT, shortcuts.KEY_PREVIOUS, shortcuts.KEY_DELETE,
                     shortcuts.KEY_COUNTERPARTY}
    listing = re.search(r"var LIST_KEYS = \{(.*?)\};", source).group(1)
    assert set(re.findall(r'"(\w)": ', listing)) == {shortcuts.KEY_NEXT_ROW, shortcuts.KEY_PREVIOUS_ROW,
                                                     shortcuts.KEY_OPEN}
