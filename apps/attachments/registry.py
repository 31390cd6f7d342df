"""Which records may own attachments, and who may see and change their files.

The attachments app knows no owner model. Each owning app registers its model once, in its AppConfig.ready()
or nav.py:

    from apps.attachments.registry import register_owner

    register_owner(
        Application,
        visible=selectors.visible_to,               # user -> QuerySet: owners outside it are 404
        can_view=policies.can_view,                 # (user, owner) -> Decision: False is 403
        can_upload=policies.can_edit_attachments,   # (user, owner, kind) -> Decision (also removal by default)
        kinds={"cooperation_agreement": _("Cooperation agreement")},
        url=lambda application: application.get_absolute_url(),
    )

An owner type that is not registered has no downloadable files (404) and accepts none.

A kind whose files are not ordinary documents (a 100 000-row database export) states its own limits:
`limits={"source": KindLimits(max_bytes=…, file_types=("xlsx", "csv"), zip_max_uncompressed=…)}`; the other kinds
keep the settings' (ATTACHMENT_MAX_BYTES, ATTACHMENT_ALLOWED_TYPES, ATTACHMENT_ZIP_MAX_UNCOMPRESSED).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from apps.core.policy import Decision, deny


def _nobody(user, owner, kind=None) -> Decision:
    return deny(_("Files cannot be added here."))


@dataclass(frozen=True)
class KindLimits:
    """The limits of one kind of file, where they differ from the settings' (None: the setting)."""

    max_bytes: int | None = None
    file_types: tuple[str, ...] | None = None  # keys of sniffing.FILE_TYPES
    zip_max_uncompressed: int | None = None


@dataclass(frozen=True)
class OwnerType:
    model: type[Model]
    visible: Callable[..., QuerySet]
    can_view: Callable[..., Decision]
    can_upload: Callable[..., Decision] = _nobody
    can_delete: Callable[..., Decision] | None = None
    kinds: dict = field(default_factory=dict)
    url: Callable[[Model], str] | None = None
    limits: dict = field(default_factory=dict)  # {kind: KindLimits}

    def limits_of(self, kind: str) -> KindLimits:
        return self.limits.get(kind) or KindLimits()

    @property
    def key(self) -> str:
        """The name used in URLs, e.g. "organizations.organization"."""
        return self.model._meta.label_lower

    def may_delete(self, user, owner, kind) -> Decision:
        return (self.can_delete or self.can_upload)(user, owner, kind)

    def kind_choices(self) -> list[tuple[str, object]]:
        return list(self.kinds.items())

    def kind_label(self, kind: str):
        return self.kinds.get(kind, kind)

    def owner_url(self, owner) -> str:
        return self.url(owner) if self.url else ""


_registry: dict[str, OwnerType] = {}


def register_owner(
    model: type[Model],
    *,
    can_view: Callable[..., Decision],
    visible: Callable[..., QuerySet],
    can_upload: Callable[..., Decision] | None = None,
    can_delete: Callable[..., Decision] | None = None,
    kinds: dict | None = None,
    url: Callable[[Model], str] | None = None,
    limits: dict | None = None,
) -> OwnerType:
    """Register (or re-register) `model` as an owner of attachments. `kinds` maps the slugs this owner accepts
    to their labels (empty: any slug); `can_delete` defaults to `can_upload`."""
    entry = OwnerType(
        model=model,
        visible=visible,
        can_view=can_view,
        can_upload=can_upload or _nobody,
        can_delete=can_delete,
        kinds=dict(kinds or {}),
        url=url,
        limits=dict(limits or {}),
    )
    _registry[entry.key] = entry
    return entry


def unregister_owner(model: type[Model]) -> None:
    _registry.pop(model._meta.label_lower, None)


def get(key: str) -> OwnerType | None:
    return _registry.get((key or "").lower())


def for_model(model_or_instance) -> OwnerType | None:
    return _registry.get(model_or_instance._meta.label_lower)


def for_content_type(content_type: ContentType) -> OwnerType | None:
    return _registry.get(f"{content_type.app_label}.{content_type.model}")
