"""Issue 13 item 3: the photos of one request may decode only so many pixels together (capture and upload).

The integration settings allow 4 Mpx per photo and 10 Mpx per request; the photos are tiny on the wire."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from ingest_testkit import files, upload

pytestmark = pytest.mark.integration


def photo(shade: int) -> bytes:
    """A 2000 x 2000 grey PNG: about 10 KB sent, 4 megapixels decoded."""
    out = io.BytesIO()
    Image.new("L", (2000, 2000), shade).save(out, "PNG")
    return out.getvalue()


async def test_capture_over_the_pixel_budget_is_refused_before_any_decoding(client, world, store):
    writes = store.writes
    answer = await client.post(f"/dossiers/{world.own}/mailboxes/purchases/capture",
                               files=files(*[(f"p{i}.png", photo(i)) for i in range(3)]),
                               headers=world.headers("DOCUMENT_DELIVERY"))
    assert answer.status_code == 413, answer.text
    error = answer.json()["error"]
    assert error["code"] == "too_many_pixels" and error["filename"] == "p2.png"
    assert "12000000 pixels, over the limit of 10000000 pixels per request" in error["message"]
    assert store.writes == writes, "nothing stored"


async def test_upload_stores_photos_up_to_the_budget_and_names_the_rest(client, world):
    answer = await upload(client, world, "DOCUMENT_DELIVERY", "purchases", None,
                          *[(f"p{i}.png", photo(10 + i)) for i in range(3)])
    assert answer.status_code == 201, answer.text
    assert [d["filename"] for d in answer.json()["documents"]] == ["p0.pdf", "p1.pdf"]
    assert [(r["filename"], r["code"]) for r in answer.json()["rejected"]] == [("p2.png", "too_many_pixels")]
