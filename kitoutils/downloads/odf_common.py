"""What the ODT and the ODS share: their XML, written with ElementTree,
document metadata in French and a byte-for-byte reproducible package.

Each part (content.xml, styles.xml, meta.xml) is a tree of ElementTree
elements named with their OpenDocument prefixes (`text:p`), every prefix
declared on the part's root. ElementTree escapes every text and attribute
value for its context; characters XML cannot hold (control characters,
non-characters) are replaced by U+FFFD. Hostile content therefore stays text.
(odfpy's DOM, which checks every attribute it is given, made each file cost
about five times as much.)

The package carries the build's fixed date, never the current time
(mimetype first and stored, as the OpenDocument standard requires).
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree.ElementTree import Element, SubElement, tostring

from .reproducible import iso_date, zip_date_time
from .text import KIT_TITLE

ODF_VERSION = "1.2"
# Every prefix the documents use, in names or in values that name a namespace
# (formulas `of:…`, form implementations `ooo:…`), declared on every part.
NAMESPACES = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "form": "urn:oasis:names:tc:opendocument:xmlns:form:1.0",
    "of": "urn:oasis:names:tc:opendocument:xmlns:of:1.2",
    "ooo": "http://openoffice.org/2004/office",
    "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0",
}
GENERATOR = "kitoutils"  # meta:generator, the program that wrote the file
# What a part may hold: XML 1.0's characters less the discouraged ones (C1
# controls but NEL, non-characters); anything else becomes U+FFFD.
_NOT_XML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd"
                      + "".join(f"{chr(plane << 16)}-{chr(plane << 16 | 0xfffd)}" for plane in range(1, 17)) + "]")

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="{media_type}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def part(kind: str) -> Element:
    """The root of a part: `office:document-content`, `-styles` or `-meta`."""
    attributes = {f"xmlns:{prefix}": uri for prefix, uri in NAMESPACES.items()}
    attributes["office:version"] = ODF_VERSION
    return Element(f"office:document-{kind}", attributes)


def add(parent: Element, tag: str, attributes: dict[str, str] | None = None, text: str | None = None) -> Element:
    """A child element of `parent`, with its attributes and text (escaped when written)."""
    element = SubElement(parent, tag, attributes or {})
    element.text = text
    return element


def add_mention(paragraph: Element, mention: str, style: str) -> None:
    """A part's mention (text.addition_mention) after the paragraph's text, in a
    span of the given text style; nothing for an empty mention."""
    if mention:
        paragraph.text = f"{paragraph.text or ''} "
        add(paragraph, "text:span", {"text:style-name": style}, mention)


def style_name(display_name: str) -> str:
    """A style's name must be an XML name: spaces written _20_, as LibreOffice does."""
    return display_name.replace(" ", "_20_")


def add_style(parent: Element, display_name: str, family: str, properties: dict[str, dict[str, str]],
              **attributes: str) -> str:
    """A named style (`style:style`) with its properties by kind (`text` for
    `style:text-properties`…) and other `style:` attributes; its name, to refer to it."""
    name = style_name(display_name)
    element = add(parent, "style:style", {
        "style:name": name, "style:family": family,
        **{f"style:{attribute.replace('_', '-')}": value for attribute, value in attributes.items()},
        "style:display-name": display_name,
    })
    for kind, values in properties.items():
        add(element, f"style:{kind}-properties", values)
    return name


def xml(root: Element) -> bytes:
    """A part as UTF-8 XML."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + _NOT_XML.sub("\ufffd", tostring(root, encoding="unicode"))).encode("utf-8")


def metadata(*, title: str, subject: str, creator: str, epoch: int) -> Element:
    """meta.xml: title, subject, author, language and the fixed date."""
    root = part("meta")
    office_meta = add(root, "office:meta")
    for tag, text in (
        ("dc:title", title),
        ("dc:subject", subject),
        ("dc:creator", creator),
        ("meta:initial-creator", creator),
        ("dc:language", "fr-FR"),
        ("meta:creation-date", iso_date(epoch)),
        ("dc:date", iso_date(epoch)),
        ("meta:keyword", KIT_TITLE),
        ("meta:generator", GENERATOR),
    ):
        add(office_meta, tag, text=text)
    return root


def package(media_type: str, *, content: Element, styles: Element, metadata: Element, epoch: int) -> bytes:
    """The document as an .odt/.ods file, identical for identical content."""
    parts = [
        ("mimetype", media_type.encode("utf-8"), zipfile.ZIP_STORED),
        ("content.xml", xml(content), zipfile.ZIP_DEFLATED),
        ("styles.xml", xml(styles), zipfile.ZIP_DEFLATED),
        ("meta.xml", xml(metadata), zipfile.ZIP_DEFLATED),
        ("META-INF/manifest.xml", MANIFEST.format(media_type=media_type).encode("utf-8"), zipfile.ZIP_DEFLATED),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, method in parts:
            info = zipfile.ZipInfo(name, zip_date_time(epoch))
            info.compress_type = method
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
