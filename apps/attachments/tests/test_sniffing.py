import io
import zipfile

import pytest

from apps.attachments import sniffing
from apps.core.errors import DomainError

from . import samples


def _refusal(data, name):
    with pytest.raises(DomainError) as exc:
        sniffing.check(data, name)
    return exc.value


@pytest.mark.parametrize(
    ("builder", "name", "key", "content_type"),
    [
        (samples.pdf_bytes, "申报书.pdf", "pdf", "application/pdf"),
        (samples.png_bytes, "照片.PNG", "png", "image/png"),
        (samples.jpeg_bytes, "photo.jpg", "jpg", "image/jpeg"),
        (samples.jpeg_bytes, "photo.jpeg", "jpg", "image/jpeg"),
        (
            samples.docx_bytes,
            "合作协议.docx",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            samples.xlsx_bytes,
            "指标.xlsx",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_each_allowed_type_is_recognised_from_its_content(builder, name, key, content_type):
    file_type = sniffing.check(builder(), name)
    assert file_type.key == key
    assert file_type.content_type == content_type


def test_an_executable_renamed_pdf_is_refused():
    assert _refusal(samples.exe_bytes(), "申报书.pdf").code == "type_not_allowed"


def test_text_renamed_pdf_is_refused():
    assert _refusal("这不是 PDF 文件".encode(), "report.pdf").code == "type_not_allowed"


def test_a_docx_renamed_xlsx_is_refused():
    assert _refusal(samples.docx_bytes(), "指标.xlsx").code == "extension_mismatch"


def test_a_pdf_without_extension_is_refused():
    assert _refusal(samples.pdf_bytes(), "申报书").code == "extension_mismatch"


def test_an_empty_file_is_refused():
    assert _refusal(b"", "a.pdf").code == "empty"


def test_a_plain_zip_is_not_an_office_document():
    assert _refusal(samples.ooxml_zip(main_part="readme.txt"), "a.docx").code == "type_not_allowed"


def test_a_zip_claiming_to_be_both_word_and_excel_is_refused():
    data = samples.ooxml_zip({"xl/workbook.xml": "<workbook/>"})
    assert _refusal(data, "a.docx").code == "type_not_allowed"


def test_a_type_outside_the_allow_list_is_refused(settings):
    settings.ATTACHMENT_ALLOWED_TYPES = ["pdf"]
    assert _refusal(samples.png_bytes(), "a.png").code == "type_not_allowed"
    assert sniffing.check(samples.pdf_bytes(), "a.pdf").key == "pdf"


def test_the_refusal_message_is_chinese():
    message = str(_refusal(samples.exe_bytes(), "a.pdf").message)
    assert "不接受" in message


@pytest.fixture
def no_decompression(monkeypatch):
    """Call it once the sample is built: from then on, opening any zip entry fails the test (the archive must be
    refused from its central directory alone)."""

    def forbidden(*args, **kwargs):
        raise AssertionError("a zip entry was decompressed before the archive was judged")

    def activate():
        monkeypatch.setattr(zipfile.ZipFile, "open", forbidden)

    return activate


def test_zip_bomb_with_too_many_entries_is_refused_before_parsing(settings, no_decompression):
    settings.ATTACHMENT_ZIP_MAX_ENTRIES = 50
    data = samples.many_entries_docx(60)
    no_decompression()
    assert _refusal(data, "a.docx").code == "zip_bomb"


def test_zip_bomb_with_huge_declared_size_is_refused_before_parsing(no_decompression):
    data = samples.patch_central(samples.docx_bytes(), size=0xFFFFFFF0)
    no_decompression()
    assert _refusal(data, "a.docx").code == "zip_bomb"


def test_zip_bomb_over_the_uncompressed_limit_is_refused_before_parsing(settings, no_decompression):
    settings.ATTACHMENT_ZIP_MAX_UNCOMPRESSED = 1024 * 1024
    data = samples.dense_docx(2)
    no_decompression()
    assert _refusal(data, "a.docx").code == "zip_bomb"


def test_zip_bomb_with_an_extreme_compression_ratio_is_refused_before_parsing(no_decompression):
    data = samples.dense_docx(5)
    no_decompression()
    assert _refusal(data, "a.docx").code == "zip_bomb"


def test_encrypted_office_file_is_refused(no_decompression):
    data = samples.patch_central(samples.docx_bytes(), flags=0x1)
    no_decompression()
    assert _refusal(data, "a.docx").code == "zip_encrypted"


def test_unusual_compression_method_is_refused(no_decompression):
    data = samples.patch_central(samples.docx_bytes(), method=99)
    no_decompression()
    assert _refusal(data, "a.docx").code == "zip_invalid"


def test_truncated_office_file_is_refused():
    data = samples.docx_bytes()
    assert _refusal(data[: len(data) // 2], "a.docx").code == "zip_invalid"


def test_office_file_with_corrupted_content_is_refused():
    data = bytearray(samples.ooxml_zip({"word/styles.xml": "<styles>" + "x" * 5000 + "</styles>"}))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/styles.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    assert _refusal(bytes(data), "a.docx").code == "zip_invalid"


def test_zip_entry_with_a_path_outside_the_archive_is_refused():
    data = samples.ooxml_zip({"../../etc/evil.xml": "<x/>"})
    assert _refusal(data, "a.docx").code == "zip_invalid"


def test_png_signature_without_header_chunk_is_not_a_png():
    assert _refusal(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "a.png").code == "type_not_allowed"


def test_an_entry_count_over_the_limit_is_refused_before_the_directory_is_read(settings, monkeypatch):
    settings.ATTACHMENT_ZIP_MAX_ENTRIES = 50
    data = samples.many_entries_docx(60)

    def forbidden(*args, **kwargs):
        raise AssertionError("the central directory was parsed")

    monkeypatch.setattr(zipfile, "ZipFile", forbidden)
    assert _refusal(data, "a.docx").code == "zip_bomb"
