"""The bureau's demo (`manage.py load_demo`, after the navigation demo): one module per part
(demo_<part>.py, each with `load(users) -> dict`), through the services, loaded once."""

from importlib import import_module

PARTS = ("documents", "showcases", "questions", "tasks")


def load(users) -> dict:
    made = {}
    for part in PARTS:
        try:
            module = import_module(f"apps.bureau.demo_{part}")
        except ModuleNotFoundError as exc:
            if exc.name != f"apps.bureau.demo_{part}":
                raise
            continue
        made[part] = module.load(users)
    return made
