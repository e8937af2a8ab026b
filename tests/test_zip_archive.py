"""Zips written from members compressed once: the very bytes zipfile writes."""

from __future__ import annotations

import io
import os
import zipfile

from kitoutils.downloads.reproducible import zip_date_time
from kitoutils.downloads.zip_archive import Deflated, deflate, write_zip


def zipfile_bytes(files: dict[str, bytes], epoch: int) -> bytes:
    """The zip the standard library writes for the same entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, zip_date_time(epoch))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def test_same_bytes_as_zipfile_for_the_same_entries():
    files = {
        "kit/telechargements/amo/amo.pdf": os.urandom(5000) + b"%PDF " * 2000,  # some of it incompressible
        "kit/donnees/kit.json": "« élus », démarche participative\n".encode("utf-8") * 300,
        "kit/vide.md": b"",
        "kit/fiches/été.html": b"<p>accents in the name</p>",  # stored as UTF-8, flagged
    }
    for epoch in (946684800, 1700000000, 0):  # 0: before 1980, which zip dates cannot hold
        ours = io.BytesIO()
        write_zip(ours, ((name, deflate(content)) for name, content in files.items()), epoch)
        assert ours.getvalue() == zipfile_bytes(files, epoch)
        with zipfile.ZipFile(ours) as archive:
            assert archive.testzip() is None
            assert {name: archive.read(name) for name in archive.namelist()} == files


def test_a_kept_member_reads_back_the_same():
    member = deflate("liste à cocher".encode("utf-8"))
    assert Deflated.from_bytes(member.to_bytes()) == member
