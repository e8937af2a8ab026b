"""Reproducible zips, written from members compressed once and kept.

A zip of many downloads then costs a copy of bytes, not a new compression
of every file: each member's compressed form is made once, in the worker
that made the file, and kept in the store next to it. The bytes written are
exactly those `zipfile` writes for the same entries (a test compares them):
entries in the order given, all dated with the build's fixed date.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import BinaryIO, Iterable

from .reproducible import zip_date_time

FOLDER = "kit-outils-democratie-contributive"

_VERSION = 20  # what zipfile writes as "version needed" and "made by" for deflate
_UNIX = 3  # "made by" system, as zipfile writes it everywhere but on Windows
_DEFLATED = 8
_MODE = 0o644 << 16
_UTF8_NAME = 0x800
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_HEADER = struct.Struct("<2L")  # a kept member's CRC-32 and size, before its deflate stream
_LIMIT = 0xFFFFFFFF  # beyond 4 GB a zip needs ZIP64, which the kit never does


@dataclass(frozen=True)
class Deflated:
    """A file compressed for a zip: its CRC-32, its size and its raw deflate stream."""

    crc: int
    size: int
    data: bytes

    def to_bytes(self) -> bytes:
        return _HEADER.pack(self.crc, self.size) + self.data

    @classmethod
    def from_bytes(cls, raw: bytes) -> Deflated:
        crc, size = _HEADER.unpack_from(raw)
        return cls(crc, size, raw[_HEADER.size:])


def deflate(content: bytes) -> Deflated:
    """Compress as zipfile does: default level, raw deflate."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return Deflated(zlib.crc32(content), len(content), compressor.compress(content) + compressor.flush())


def write_zip(out: BinaryIO, members: Iterable[tuple[str, Deflated]], epoch: int) -> None:
    """Write a zip of `members` (name in the zip, compressed content), in the order given."""
    year, month, day, hour, minute, second = zip_date_time(epoch)
    dos_time = hour << 11 | minute << 5 | second // 2
    dos_date = (year - 1980) << 9 | month << 5 | day
    directory, offset = [], 0
    for name, member in members:
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        if max(offset, member.size, len(member.data)) > _LIMIT:
            raise ValueError("archive de plus de 4 Go")
        fields = (flags, _DEFLATED, dos_time, dos_date, member.crc, len(member.data), member.size, len(encoded))
        local = _LOCAL.pack(b"PK\003\004", _VERSION, 0, *fields, 0) + encoded
        out.write(local)
        out.write(member.data)
        directory.append(_CENTRAL.pack(b"PK\001\002", _VERSION, _UNIX, _VERSION, 0, *fields,
                                       0, 0, 0, 0, _MODE, offset) + encoded)
        offset += len(local) + len(member.data)
    listing = b"".join(directory)
    out.write(listing)
    out.write(_END.pack(b"PK\005\006", 0, 0, len(directory), len(directory), len(listing), offset, 0))
