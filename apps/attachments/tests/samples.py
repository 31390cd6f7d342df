"""Real, minimal files of every accepted type, built in the test itself, and hostile variants."""

import io
import struct
import zipfile
import zlib

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def pdf_bytes(text: str = "Hello") -> bytes:
    stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    raw = b"".join(b"\x00" + b"\xc0\x10\x20" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(raw))
        + _png_chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0 + b"\xff\xd9"


def docx_bytes(text: str = "合作协议") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "考核指标"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"


def ooxml_zip(extra: dict | None = None, *, main_part: str = "word/document.xml") -> bytes:
    """A zip with the parts that make it a DOCX (or XLSX with main_part="xl/workbook.xml") plus `extra`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(main_part, '<?xml version="1.0"?><document/>')
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def many_entries_docx(count: int) -> bytes:
    return ooxml_zip({f"word/media/part{i}.xml": b"" for i in range(count)})


def dense_docx(megabytes: int = 5) -> bytes:
    """Megabytes of zeros that deflate to a few kilobytes: a ratio near 1000."""
    return ooxml_zip({"word/media/zeros.bin": bytes(megabytes * 1024 * 1024)})


def _central_headers(data: bytes) -> list[int]:
    """Offsets of the central directory headers (found from the end-of-central-directory record)."""
    eocd = data.rfind(b"PK\x05\x06")
    count = struct.unpack("<H", data[eocd + 10 : eocd + 12])[0]
    offset = struct.unpack("<I", data[eocd + 16 : eocd + 20])[0]
    positions = []
    for _ in range(count):
        assert data[offset : offset + 4] == b"PK\x01\x02"
        positions.append(offset)
        name_len, extra_len, comment_len = struct.unpack("<HHH", data[offset + 28 : offset + 34])
        offset += 46 + name_len + extra_len + comment_len
    return positions


def patch_central(data: bytes, *, flags: int | None = None, method: int | None = None, size: int | None = None):
    """Rewrite fields of every central directory header: the general-purpose flags (bit 0 = encrypted), the
    compression method or the declared uncompressed size."""
    out = bytearray(data)
    for pos in _central_headers(data):
        if flags is not None:
            current = struct.unpack("<H", out[pos + 8 : pos + 10])[0]
            out[pos + 8 : pos + 10] = struct.pack("<H", current | flags)
        if method is not None:
            out[pos + 10 : pos + 12] = struct.pack("<H", method)
        if size is not None:
            out[pos + 24 : pos + 28] = struct.pack("<I", size)
    return bytes(out)
