"""Write tiny PDFs for tests: one Helvetica text line per string, a page per list of lines.

Only Latin-1 text can be written (the standard Type 1 fonts need no embedding for it), which
is enough for English, German, French and Spanish test documents.
"""

from __future__ import annotations


def make_pdf(pages: list[list[str]], title: str | None = None, created: str | None = None) -> bytes:
    """A valid PDF whose pages hold the given lines, with an optional /Title and /CreationDate."""
    page_count = len(pages)
    first_page = 4
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{first_page + 2 * i} 0 R".encode() for i in range(page_count))
        + f"] /Count {page_count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index, lines in enumerate(pages):
        content = _content_stream(lines)
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
            " /Resources << /Font << /F1 3 0 R >> >>"
            f" /Contents {first_page + 2 * index + 1} 0 R >>".encode()
        )
        objects.append(
            f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"
        )
    info = []
    if title:
        info.append(b"/Title (" + _escape(title) + b")")
    if created:
        info.append(b"/CreationDate (" + _escape(created) + b")")
    objects.append(b"<< " + b" ".join(info) + b" >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _content_stream(lines: list[str]) -> bytes:
    parts = [b"BT /F1 11 Tf 14 TL 56 740 Td"]
    for line in lines:
        parts.append(b"(" + _escape(line) + b") Tj T*")
    parts.append(b"ET")
    return b"\n".join(parts)


def _escape(text: str) -> bytes:
    return (
        text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    )
