"""What a file really is, decided from its bytes and never from its name.

`check(data, name)` returns the `FileType` of an accepted file or raises `DomainError` with a Chinese message:
- the content must be one of the types in `settings.ATTACHMENT_ALLOWED_TYPES` (magic bytes; DOCX and XLSX are
  zip archives recognised by their parts);
- the name's extension must be one of that type's extensions (a DOCX renamed .xlsx is refused);
- a zip archive is judged from its central directory first: entry count, total declared uncompressed size and
  compression ratio, encryption, compression methods and entry names, BEFORE a single entry is decompressed;
  only then is it read through once, bounded by the (already capped) declared sizes, to verify the CRCs.
"""

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.errors import DomainError

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
ZIP_MAGIC = b"PK\x03\x04"
EOCD_MAGIC = b"PK\x05\x06"
EOCD_MAX_BYTES = 22 + 0xFFFF  # the record plus the longest archive comment

# A ratio is only judged for entries (and archives) larger than this: tiny parts compress oddly.
RATIO_MIN_BYTES = 1024 * 1024
READ_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FileType:
    key: str
    label: object  # lazily translated
    content_type: str
    extensions: tuple[str, ...]


FILE_TYPES = {
    t.key: t
    for t in (
        FileType("pdf", gettext_lazy("PDF document"), "application/pdf", (".pdf",)),
        FileType(
            "docx",
            gettext_lazy("Word document (DOCX)"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
        ),
        FileType(
            "xlsx",
            gettext_lazy("Excel workbook (XLSX)"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (".xlsx",),
        ),
        FileType("jpg", gettext_lazy("JPEG image"), "image/jpeg", (".jpg", ".jpeg")),
        FileType("png", gettext_lazy("PNG image"), "image/png", (".png",)),
        # Plain text has no magic bytes: a .csv name and text content (no NUL byte, UTF-8 or GB18030). Accepted
        # only for the kinds that allow it (registry.KindLimits.file_types), never by the settings' default.
        FileType("csv", gettext_lazy("CSV table"), "text/csv", (".csv",)),
    )
}
FILE_TYPE_CHOICES = [(t.key, t.label) for t in FILE_TYPES.values()]

# The parts that make a zip archive an Office Open XML document of a given kind.
OOXML_CONTENT_TYPES = "[Content_Types].xml"
OOXML_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def allowed_types(keys=None) -> list[FileType]:
    keys = settings.ATTACHMENT_ALLOWED_TYPES if keys is None else keys
    return [FILE_TYPES[key] for key in keys if key in FILE_TYPES]


def allowed_extensions(keys=None) -> list[str]:
    return [ext for t in allowed_types(keys) for ext in t.extensions]


def allowed_labels(keys=None) -> str:
    return "、".join(str(t.label) for t in allowed_types(keys))


TEXT_SAMPLE = 64 * 1024


def is_text(data: bytes) -> bool:
    """Text a person could have exported: no NUL byte in the first 64 KiB, which decode as UTF-8 (BOM or not) or
    GB18030 (a multi-byte character cut at the sample's end is allowed)."""
    sample = data[:TEXT_SAMPLE]
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            sample.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if exc.start >= len(sample) - 4 and len(data) > len(sample):
                return True
    return False


def _refuse(message, code: str):
    raise DomainError(message, code=code)


def sniff_head(data: bytes) -> str | None:
    """The type the first bytes announce: a FileType key, "zip" (to be inspected) or None."""
    if data.startswith(PDF_MAGIC):
        return "pdf"
    if data.startswith(PNG_MAGIC) and data[12:16] == b"IHDR":
        return "png"
    if data.startswith(JPEG_MAGIC):
        return "jpg"
    if data.startswith(ZIP_MAGIC):
        return "zip"
    return None


def _damaged():
    _refuse(_("The Office document is damaged or in an unusual format and cannot be accepted."), "zip_invalid")


def _too_many_entries(limit: int):
    _refuse(
        _("The Office document has too many parts (more than %(limit)s) and cannot be accepted.") % {"limit": limit},
        "zip_bomb",
    )


def _declared_entries(data: bytes) -> int:
    """The entry count in the end-of-central-directory record (0 when absent; zip64 archives say 0xFFFF)."""
    end = data.rfind(EOCD_MAGIC, max(0, len(data) - EOCD_MAX_BYTES))
    if end < 0 or len(data) < end + 12:
        return 0
    return struct.unpack("<H", data[end + 10 : end + 12])[0]


def inspect_zip(data: bytes, *, max_total: int | None = None) -> str | None:
    """Judge a zip archive and return "docx", "xlsx" or None (a zip that is neither)."""
    max_entries = settings.ATTACHMENT_ZIP_MAX_ENTRIES
    max_total = max_total or settings.ATTACHMENT_ZIP_MAX_UNCOMPRESSED
    max_ratio = getattr(settings, "ATTACHMENT_ZIP_MAX_RATIO", 100)
    if _declared_entries(data) > max_entries:  # even before the central directory is read
        _too_many_entries(max_entries)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))  # reads the central directory only
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        _damaged()
    with archive:
        infos = archive.infolist()
        # 1. The directory alone: nothing is decompressed before these checks pass.
        if len(infos) > max_entries:
            _too_many_entries(max_entries)
        total = sum(i.file_size for i in infos)
        if total > max_total:
            _refuse(
                _("The Office document would expand to more than %(limit)s MB and cannot be accepted.")
                % {"limit": max_total // (1024 * 1024)},
                "zip_bomb",
            )
        compressed = sum(i.compress_size for i in infos)
        too_dense = total > RATIO_MIN_BYTES and total > max_ratio * max(compressed, 1)
        too_dense = too_dense or any(
            i.file_size > RATIO_MIN_BYTES and i.file_size > max_ratio * max(i.compress_size, 1) for i in infos
        )
        if too_dense:
            _refuse(
                _("The Office document is compressed suspiciously strongly (a possible zip bomb) and was refused."),
                "zip_bomb",
            )
        if any(i.flag_bits & 0x1 for i in infos):
            _refuse(
                _("The Office document is encrypted or password-protected. Remove the password and upload it again."),
                "zip_encrypted",
            )
        names = set()
        for info in infos:
            name = info.filename
            if (
                info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
                or name.startswith(("/", "\\"))
                or ".." in name.replace("\\", "/").split("/")
                or "\x00" in name
                or name in names
            ):
                _damaged()
            names.add(name)
        # 2. Which document it is, from the part names.
        kinds = [key for key, part in OOXML_MAIN_PART.items() if part in names]
        if OOXML_CONTENT_TYPES not in names or len(kinds) != 1:
            return None
        # 3. One bounded pass over the data: zipfile stops at each declared size and checks the CRC.
        try:
            for info in infos:
                with archive.open(info) as entry:
                    while entry.read(READ_CHUNK):
                        pass
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            zlib.error,
            ValueError,
            OSError,
            EOFError,
            NotImplementedError,
        ):
            _damaged()
        except RuntimeError:  # zipfile's "File is encrypted" when only a local header says so
            _refuse(
                _("The Office document is encrypted or password-protected. Remove the password and upload it again."),
                "zip_encrypted",
            )
        return kinds[0]


def identify(data: bytes, *, name: str = "", zip_max_uncompressed: int | None = None) -> str | None:
    """The FileType key of the content, or None when it is none of the known types. Text is "csv" only under a
    .csv name (text has no magic bytes)."""
    kind = sniff_head(data)
    if kind == "zip":
        return inspect_zip(data, max_total=zip_max_uncompressed)
    if kind is None and extension(name) == ".csv" and is_text(data):
        return "csv"
    return kind


def extension(name: str) -> str:
    base = (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""


def check(data: bytes, name: str, *, types=None, zip_max_uncompressed: int | None = None) -> FileType:
    """The accepted FileType of this content under this name, or DomainError. `types`: the FileType keys accepted
    (default: settings.ATTACHMENT_ALLOWED_TYPES)."""
    if not data:
        _refuse(_("The file is empty."), "empty")
    key = identify(data, name=name, zip_max_uncompressed=zip_max_uncompressed)
    allowed = {t.key for t in allowed_types(types)}
    if key is None or key not in allowed:
        _refuse(
            _("This kind of file is not accepted. Accepted: %(types)s.") % {"types": allowed_labels(types)},
            "type_not_allowed",
        )
    file_type = FILE_TYPES[key]
    ext = extension(name)
    if ext not in file_type.extensions:
        _refuse(
            _(
                "The file name ends in “%(extension)s” but the content is %(type)s. Rename the file to "
                "“%(expected)s” or upload the right file."
            )
            % {
                "extension": ext or _("(no extension)"),
                "type": str(file_type.label),
                "expected": file_type.extensions[0],
            },
            "extension_mismatch",
        )
    return file_type
