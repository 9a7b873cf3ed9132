"""ZIP archives unpacked in memory with limits on entries, sizes and compression ratio (no bombs, no paths)."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ingest.domain.errors import BadArchive, DecompressionBomb, IngestError, TooLarge, TooManyFiles
from ingest.domain.files import IncomingFile, safe_filename

MAX_RATIO = 100


@dataclass(frozen=True)
class Unpacked:
    """The files of an archive, and the entries refused with the reason."""

    files: list[IncomingFile]
    refused: list[IngestError]


def unpack(name: str, data: bytes, *, max_entries: int, max_file_bytes: int, max_total_bytes: int) -> Unpacked:
    """The files of a ZIP; the whole archive is refused when it is damaged, has too many entries or is a bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise BadArchive(f"{name}: the ZIP archive is damaged", filename=name) from exc
    if len(entries) > max_entries:
        raise TooManyFiles(f"{name}: {len(entries)} files in the archive, at most {max_entries}", filename=name)
    declared = sum(info.file_size for info in entries)
    if declared > max_total_bytes:
        raise DecompressionBomb(f"{name}: unpacks to {declared} bytes, over the limit of {max_total_bytes}",
                                filename=name)
    files, refused, total = [], [], 0
    for info in entries:
        entry = safe_filename(info.filename)
        try:
            content = _read(archive, info, entry, max_file_bytes)
        except IngestError as exc:
            refused.append(exc)
            continue
        total += len(content)
        if total > max_total_bytes:
            raise DecompressionBomb(f"{name}: unpacks to more than {max_total_bytes} bytes", filename=name)
        files.append(IncomingFile(entry, content))
    return Unpacked(files, refused)


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, entry: str, max_file_bytes: int) -> bytes:
    if info.flag_bits & 0x1:
        raise BadArchive(f"{entry}: the file is encrypted in the archive", filename=entry)
    if info.file_size > max_file_bytes:
        raise TooLarge(f"{entry}: {info.file_size} bytes is over the limit of {max_file_bytes} bytes per file",
                       filename=entry)
    if info.compress_size and info.file_size > 1_000_000 and info.file_size / info.compress_size > MAX_RATIO:
        raise DecompressionBomb(f"{entry}: compressed {info.file_size // info.compress_size} times, a decompression bomb",
                                filename=entry)
    try:
        with archive.open(info) as stream:
            content = stream.read(max_file_bytes + 1)  # never trust the declared size
    except (zipfile.BadZipFile, RuntimeError, ValueError, OSError, EOFError) as exc:
        raise BadArchive(f"{entry}: cannot be read from the archive", filename=entry) from exc
    if len(content) > max_file_bytes:
        raise DecompressionBomb(f"{entry}: unpacks to more than {max_file_bytes} bytes", filename=entry)
    return content
