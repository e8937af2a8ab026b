"""What the ODT and the ODS share: document metadata in French and a
byte-for-byte reproducible package.

odfpy stamps every zip entry with the current time; here the package is
written with the build's fixed date instead (mimetype first and stored, as
the OpenDocument standard requires).
"""

from __future__ import annotations

import io
import zipfile

from odf import dc, meta
from odf.element import Element
from odf.namespaces import nsdict
from odf.opendocument import OpenDocument

from .reproducible import iso_date, zip_date_time
from .text import KIT_TITLE

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="{media_type}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def describe(document: OpenDocument, *, title: str, subject: str, creator: str, epoch: int) -> None:
    """Title, subject, author, language and the fixed date, in meta.xml."""
    for element in (
        dc.Title(text=title),
        dc.Subject(text=subject),
        dc.Creator(text=creator),
        meta.InitialCreator(text=creator),
        dc.Language(text="fr-FR"),
        meta.CreationDate(text=iso_date(epoch)),
        dc.Date(text=iso_date(epoch)),
        meta.Keyword(text=KIT_TITLE),
    ):
        document.meta.addElement(element)


def _fix_namespaces() -> None:
    """odfpy declares every namespace any element of the process has used
    (one dict shared by all documents), so a file would depend on what was
    built before it. Declaring all known namespaces, in a fixed order, makes
    it depend on its content only."""
    Element.namespaces.clear()
    Element.namespaces.update(sorted(nsdict.items(), key=lambda item: item[1]))


def package(document: OpenDocument, epoch: int) -> bytes:
    """The document as an .odt/.ods file, identical for identical content."""
    _fix_namespaces()
    parts = [
        ("mimetype", document.mimetype.encode("utf-8"), zipfile.ZIP_STORED),
        ("content.xml", document.contentxml(), zipfile.ZIP_DEFLATED),
        ("styles.xml", document.stylesxml().encode("utf-8"), zipfile.ZIP_DEFLATED),
        ("meta.xml", document.metaxml().encode("utf-8"), zipfile.ZIP_DEFLATED),
        ("META-INF/manifest.xml", MANIFEST.format(media_type=document.mimetype).encode("utf-8"),
         zipfile.ZIP_DEFLATED),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, method in parts:
            info = zipfile.ZipInfo(name, zip_date_time(epoch))
            info.compress_type = method
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
