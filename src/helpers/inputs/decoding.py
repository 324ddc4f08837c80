"""Bytes to article text: byte-order marks, fallback encodings, binary content and HTML pages saved as text.

Offsets used everywhere later are into the decoded text (BOM removed, line endings normalised to
``\\n``); for an HTML page they are into the main text extracted from it, recorded as an ``html`` issue.
"""

from __future__ import annotations

import codecs
import re

SNIFF_BYTES = 8192  # how much of a file the control-character test samples
CONTROL_SHARE = 0.05  # more control characters than this in the sample: binary
# UTF-32 marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
HTML_PAGE = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
HTML_BODY = re.compile(r"<body\b", re.I)


class BinaryContent(ValueError):
    """The bytes are not text; the message says why and where."""


# File formats recognised by their first bytes ("magic numbers"): a PDF or a Word file saved with a .txt name is
# a document to convert, not an article to analyse (a compressed PDF would otherwise be "decoded as latin-1").
MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX, XLSX, ODT or EPUB document, which are ZIP files)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (DOC, XLS or PPT)"),
    (b"{\\rtf", "an RTF document"),
    (b"%!PS", "a PostScript document"),
    (b"BZh91AY&SY", "a bzip2-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program (ELF)"),
)


def check_format(data: bytes) -> None:
    """Raise BinaryContent when the bytes start like a known non-text format (after any whitespace or UTF-8 BOM)."""
    head = data[:64].removeprefix(codecs.BOM_UTF8).lstrip()
    for magic, what in MAGIC:
        if head.startswith(magic):
            raise BinaryContent(f"{what}, not text (recognised by its first bytes {magic[:5]!r}); convert it to text")


def _control_share(text_or_bytes: bytes | str) -> float:
    sample = text_or_bytes[:SNIFF_BYTES]
    codes = sample if isinstance(sample, bytes) else [ord(c) for c in sample]
    control = sum(1 for b in codes if b < 9 or 13 < b < 32)
    return control / len(sample) if len(sample) else 0.0


def check_not_binary(text_or_bytes: bytes | str) -> None:
    """Raise BinaryContent for a NUL anywhere (not only in the first block) or too many control characters."""
    nul = text_or_bytes.find(b"\x00" if isinstance(text_or_bytes, bytes) else "\x00")
    if nul >= 0:
        raise BinaryContent(f"binary file (NUL at offset {nul:,}), not text")
    if _control_share(text_or_bytes) > CONTROL_SHARE:
        raise BinaryContent("binary file (NUL or control bytes), not text")


def _wide(data: bytes) -> tuple[str, str, list[str]] | None:
    for bom, codec in WIDE_BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                why = f"starts with a {codec} byte-order mark but is not {codec} (byte {exc.start})"
                raise BinaryContent(why) from None
            return text.lstrip("\ufeff"), codec, [f"{codec.upper()} byte-order mark: decoded as {codec}"]
    return None


# Single-byte Western encodings that charset detection confuses with each other on short news texts; for
# these, cp1252 (what Western Windows tools write) is the better guess. Anything else detected is used.
WESTERN = {"cp1252", "windows-1252", "latin_1", "iso8859_1", "iso8859_15", "cp1250", "windows-1250", "iso8859_2",
           "mac_roman", "ascii"}


def _legacy(data: bytes) -> tuple[str, str]:
    """Text and encoding of bytes that are not UTF-8: charset-normalizer's guess, cp1252 for Western text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding.lower().replace("-", "_") not in {w.replace("-", "_") for w in WESTERN}:
        return str(best), best.encoding
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Decode bytes; return text, encoding and issues. Raises BinaryContent for non-text.

    A known binary format (PDF, ZIP/DOCX, gzip, images: :data:`MAGIC`) is refused by its first bytes.
    UTF-16/32 with a byte-order mark is decoded as such; otherwise UTF-8; otherwise the encoding
    charset-normalizer detects (a Cyrillic or Greek code page, say), with cp1252 for Western text (what
    Western Windows tools write when they do not write UTF-8) and latin-1 as the last resort.
    """
    check_format(data)
    wide = _wide(data)
    if wide is not None:
        text, encoding, issues = wide
        check_not_binary(text)
    else:
        check_not_binary(data)
        issues = []
        if data.startswith(codecs.BOM_UTF8):
            issues.append("UTF-8 byte-order mark removed")
            data = data[len(codecs.BOM_UTF8) :]
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            text, encoding = _legacy(data)
            issues.append(f"not valid UTF-8 (byte {exc.start}); decoded as {encoding}")
    if "\r" in text:
        issues.append("CRLF/CR line endings normalised to LF")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding, issues


def looks_like_page(text: str) -> bool:
    """A whole HTML document (doctype, <html> or <body>), not a text with a stray tag."""
    return bool(HTML_PAGE.match(text) or HTML_BODY.search(text))


def extract_page(text: str) -> tuple[str, str] | None:
    """Main text of an HTML page with trafilatura (paragraphs one per line); None when it finds none."""
    if not looks_like_page(text):
        return None
    import trafilatura

    main = trafilatura.extract(text, include_comments=False, include_tables=False, deduplicate=False)
    if not main or not main.strip():
        return None
    return main.strip() + "\n", "html: an HTML page saved as text (HTML markup); main text extracted with trafilatura"
