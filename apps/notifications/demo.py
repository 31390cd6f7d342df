"""The notifications' demo (`manage.py load_demo`, last: after every app's messages exist): e-mail preferences for
three demo users through the service, so the settings page and the daily digest show real choices.

- the regional officer (regional): pending actions immediately, everything else in a daily digest at 08:30;
- 包头's prefecture officer (pref_150200): pending actions immediately, centers and evaluations in a digest at 17:30,
  system notices not mailed;
- 包头稀土's unit administrator (rare_earth_admin): everything in one digest at 07:45.
Loaded once: a user who has settings already keeps them."""

import datetime

from . import services
from .models import EmailMode, Kind, NotificationPreference

PLAN = {
    "regional_officer": ({**dict.fromkeys(Kind.values, EmailMode.DIGEST), Kind.TASK: EmailMode.IMMEDIATE}, (8, 30)),
    "prefecture_officer": (
        {
            Kind.TASK: EmailMode.IMMEDIATE,
            Kind.CENTERS: EmailMode.DIGEST,
            Kind.EVALUATIONS: EmailMode.DIGEST,
            Kind.SYSTEM: EmailMode.OFF,
        },
        (17, 30),
    ),
    "unit_admin": (dict.fromkeys(Kind.values, EmailMode.DIGEST), (7, 45)),
}


def load(users) -> dict:
    made = {}
    for key, (modes, (hour, minute)) in PLAN.items():
        user = users.get(key)
        if user is None or NotificationPreference.objects.filter(user=user).exists():
            continue
        made[key] = services.preferences_update(user, email_modes=modes, digest_time=datetime.time(hour, minute))
    return made
