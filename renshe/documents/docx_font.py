"""Embed the Chinese font (a subset) in a python-docx Document, as Word does on "Embed fonts".

python-docx has no API for this, so the parts are written as ECMA-376 Part 1 describes them:
§17.8 (Fonts, "Font Embedding"): the font is stored obfuscated in /word/fonts/fontN.odttf — its first
32 bytes XORed with the 16 bytes of a GUID (w:fontKey) in reverse order — and linked from the
font table by w:embedRegular; w:embedTrueTypeFonts and w:saveSubsetFonts in settings.xml mark
the document as carrying it. The font is cut with fontTools to the
characters of the document plus printable ASCII, so a policy list stays about 100 KB.
WenQuanYi Zen Hei's OS/2 fsType is 8 (editable embedding allowed).
"""

from __future__ import annotations

import io
import string
import uuid

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from fontTools import subset
from fontTools.ttLib import TTFont
from lxml import etree

from renshe.documents.fonts import font_path

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
# Children of w:settings that must precede w:embedTrueTypeFonts (CT_Settings sequence).
_BEFORE_EMBED = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData",
)


def family_name() -> str:
    """The font's family name (name ID 1), the name w:rFonts must use to select it."""
    with TTFont(str(font_path()), fontNumber=0, lazy=True) as font:
        return font["name"].getDebugName(1)


def obfuscate(font: bytes, key: str) -> bytes:
    """ECMA-376 Part 1 §17.8: XOR bytes 0–31 with the GUID's 16 bytes reversed (self-inverse)."""
    k = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ k[i % 16] for i, b in enumerate(font[:32]))
    return head + font[32:]


def _subset(text: str) -> bytes:
    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.drop_tables += ["BDF", "FFTM"]  # bitmaps and FontForge timestamps
    with TTFont(str(font_path()), fontNumber=0, lazy=True) as font:
        subsetter = subset.Subsetter(opts)
        subsetter.populate(text=text + string.printable)
        subsetter.subset(font)
        buf = io.BytesIO()
        font.save(buf)
    return buf.getvalue()


def embed_cjk_font(doc: Document) -> None:
    """Embed the font, cut to the characters of the document body, under its family name."""
    name = family_name()
    text = "".join(t.text or "" for t in doc.element.body.iter(qn("w:t")))
    key = "{" + str(uuid.uuid4()).upper() + "}"
    table = doc.part.part_related_by(RT.FONT_TABLE)
    package = doc.part.package
    font_part = Part(PackURI(package.next_partname("/word/fonts/font%d.odttf")), OBFUSCATED_FONT,
                     obfuscate(_subset(text), key), package)
    rid = table.relate_to(font_part, RT.FONT)
    fonts = parse_xml(table.blob)
    fonts.append(parse_xml(
        f'<w:font {nsdecls("w", "r")} w:name="{name}"><w:charset w:val="86"/><w:family w:val="swiss"/>'
        f'<w:pitch w:val="variable"/><w:embedRegular r:id="{rid}" w:fontKey="{key}" w:subsetted="1"/></w:font>'
    ))
    table._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)
    settings = doc.settings.element
    anchors = [c for c in settings if c.tag in {qn(f"w:{t}") for t in _BEFORE_EMBED}]
    at = settings.index(anchors[-1]) + 1 if anchors else 0
    for i, tag in enumerate(("embedTrueTypeFonts", "saveSubsetFonts")):
        settings.insert(at + i, parse_xml(f"<w:{tag} {nsdecls('w')}/>"))
