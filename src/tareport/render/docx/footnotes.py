"""Real Word footnotes: a ``word/footnotes.xml`` part, which python-docx cannot create.

The part holds the two separator notes Word expects (ids -1 and 0), then
one ``w:footnote`` per mark, in the order of the marks, so that Word's own
numbering of the notes equals the content's numbers. The notes' hyperlinks
are relationships of the footnotes part itself (clickable in Word).
"""
from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

from .inline import add_spans, tab_run
from .ooxml import el, qn

_EMPTY = (
    f'<w:footnotes {nsdecls("w", "r")}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    '</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '</w:footnotes>'
)


class Footnotes:
    """The footnotes part of one document; :meth:`add` writes a note and returns its Word id."""

    def __init__(self, ctx):
        self.ctx = ctx
        doc = ctx.doc
        self.part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_EMPTY), doc.part.package)
        doc.part.relate_to(self.part, RT.FOOTNOTES)
        self._notes = ctx.view.footnotes
        self._ids: dict[str, int] = {}
        _declare_separators(doc)

    def has(self, note_id: str | None) -> bool:
        return note_id in self._notes

    def add(self, note_id: str) -> int:
        if note_id in self._ids:
            return self._ids[note_id]
        wid = len(self._ids) + 1
        self._ids[note_id] = wid
        note = self._notes[note_id]
        footnote = el("w:footnote", w_id=wid)
        p = el("w:p")
        footnote.append(p)
        self.part.element.append(footnote)
        para = Paragraph(p, None)
        pPr = p.get_or_add_pPr()
        pPr.get_or_add_pStyle().set(qn("w:val"), "FootnoteText")
        mark = el("w:r")
        rPr = el("w:rPr")
        rPr.append(el("w:rStyle", w_val="FootnoteReference"))
        mark.append(rPr)
        mark.append(el("w:footnoteRef"))
        p.append(mark)
        p.append(tab_run())
        add_spans(self.ctx, para, note.text, self.part, italic=note.gap)
        return wid

    @property
    def written(self) -> list[str]:
        return list(self._ids)


def _declare_separators(doc) -> None:
    """``w:footnotePr`` in settings names the separator notes (before ``w:compat``, as the schema orders)."""
    settings = doc.settings.element
    if settings.find(qn("w:footnotePr")) is not None:
        return
    pr = el("w:footnotePr")
    pr.append(el("w:footnote", w_id=-1))
    pr.append(el("w:footnote", w_id=0))
    settings.insert_element_before(
        pr, "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
        "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
        "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
        "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")
