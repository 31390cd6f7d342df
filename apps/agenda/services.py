"""The feed's writes (issue 21): make a secret feed URL, revoke it. Each runs in one transaction with its audit
entry ("calendar_feed.create", "calendar_feed.disable"); the token never reaches the database or the trail."""

import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, crypto
from apps.core.errors import DomainError

from .models import CalendarFeed

TOKEN_BYTES = 32  # 256 bits of randomness: guessing a live URL is hopeless, so an unsalted hash is enough


def token_hash(token: str) -> str:
    return crypto.sm3_hex(token.encode())


def _revoke_live(user) -> list[int]:
    live = list(CalendarFeed.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
    CalendarFeed.objects.filter(pk__in=[f.pk for f in live]).update(revoked_at=clock.now())
    return [f.pk for f in live]


def feed_create(user) -> tuple[CalendarFeed, str]:
    """A new secret feed for `user` → (the feed, its token). The token is returned once and stored only as its SM3
    hash; a feed the user had before is revoked in the same transaction (its URL answers 404 from now on).
    Raises DomainError for an inactive or anonymous user."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        raise DomainError(_("Only an active account can have a calendar feed."))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        replaced = _revoke_live(user)
        feed = CalendarFeed.objects.create(user=user, token_hash=token_hash(token), created_at=clock.now())
        audit.record(
            "calendar_feed.create",
            feed,
            after={"user": user.pk, "replaces": replaced},
            message=_("Calendar feed created"),
            actor=user,
        )
    return feed, token


def feed_revoke(user) -> CalendarFeed:
    """Revoke `user`'s feed in use: its URL answers 404 from now on. DomainError when there is none."""
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(user=user, revoked_at__isnull=True).first()
        if feed is None:
            raise DomainError(_("You have no calendar feed to revoke."))
        feed.revoked_at = clock.now()
        feed.save(update_fields=["revoked_at"])
        audit.record(
            "calendar_feed.disable",
            feed,
            before={"revoked_at": None},
            after={"revoked_at": feed.revoked_at.isoformat()},
            message=_("Calendar feed revoked"),
            actor=user,
        )
    return feed
