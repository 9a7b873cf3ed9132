"""Issue 15 item 3 / issue 19 item 4: what the upload widget says of a refused file comes from ingest's code, in
the reader's language after the file's name; a code the portal does not know keeps ingest's words."""
from portal.entrypoints.http.documents import said_refusals


def refused(code: str) -> dict:
    item = {"filename": "scan.heic", "code": code, "message": "scan.heic: not a supported kind of file"}
    return {"documents": [], "duplicates": [], "rejected": [item], "error": dict(item)}


def test_a_refused_file_is_named_and_its_reason_said_in_each_language():
    said = {lang: said_refusals(refused("unsupported_type"), lang) for lang in ("en", "nl", "fr", "de")}
    assert said["en"]["rejected"][0]["message"].startswith("scan.heic: This kind of file is not accepted")
    assert said["nl"]["error"]["message"].startswith("scan.heic: Dit soort bestand wordt niet aanvaard")
    assert said["fr"]["rejected"][0]["message"].startswith("scan.heic: Ce type de fichier n'est pas accepté")
    assert said["de"]["rejected"][0]["message"].startswith("scan.heic: Diese Dateiart wird nicht angenommen")


def test_an_unknown_code_keeps_ingests_words():
    assert said_refusals(refused("brand_new"), "fr")["rejected"][0]["message"] == "scan.heic: not a supported kind of file"
