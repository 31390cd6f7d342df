from apps.attachments.checks import attachment_storage


def test_the_test_settings_pass():
    assert attachment_storage(None) == []


def test_attachments_inside_the_static_root_are_an_error(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.ATTACHMENT_ROOT = tmp_path / "static" / "files"
    assert [e.id for e in attachment_storage(None)] == ["attachments.E001"]


def test_attachments_inside_the_media_root_are_an_error(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.ATTACHMENT_ROOT = tmp_path
    assert [e.id for e in attachment_storage(None)] == ["attachments.E001"]


def test_an_unknown_allowed_type_is_an_error(settings):
    settings.ATTACHMENT_ALLOWED_TYPES = ["pdf", "exe"]
    assert [e.id for e in attachment_storage(None)] == ["attachments.E002"]
