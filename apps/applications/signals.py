"""Signals the applications app sends to the apps above it (which it must not import).

`application_approved`: sent by `services_decision.application_approve` INSIDE its transaction, right after the
`approve` transition is saved (the application is approved, its funds and term are set), with

    sender=Application, application=<the approved Application>, officer=<the regional officer>

A receiver that raises rolls the whole approval back (Django's `Signal.send` propagates exceptions): the centers
app (apps/centers/receivers.py) creates the application's `Center` here, so an approval never stands without its
center, nor a center without its approval."""

from django.dispatch import Signal

application_approved = Signal()
