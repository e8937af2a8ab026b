"""Every download in one zip, linked from the home page."""

from __future__ import annotations

import io
import zipfile

from .reproducible import zip_date_time

FOLDER = "kit-outils-democratie-contributive"


def build_archive(files: dict[str, bytes], epoch: int, folder: str = FOLDER) -> bytes:
    """A zip of the given site paths under one folder, entries sorted and dated
    with the build's fixed date, so the same files give the same zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{path}", zip_date_time(epoch))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[path])
    return buffer.getvalue()
