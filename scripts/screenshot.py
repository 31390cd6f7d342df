"""Look at pages as a user would: python scripts/screenshot.py USERNAME PATH [PATH ...] (demo server on :8000).
USERNAME '-' stays logged out. Screenshots go to var/screenshots/<username>-<n>.png."""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BASE = "http://127.0.0.1:8000"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


def demo_code() -> str:
    from django_otp.oath import TOTP

    return f"{TOTP(bytes.fromhex('3132333435363738393031323334353637383930')).token():06d}"


def main(username, paths, width=1280):
    out = ROOT / "var" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": 900})
        if username != "-":
            page.goto(f"{BASE}/accounts/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", "Demo-Pass-2026")
            page.click("button[type=submit]")
            if "/verify/" in page.url:
                page.fill("#id_token", demo_code())
                page.click("main button[type=submit]")
        for n, path in enumerate(paths):
            page.goto(f"{BASE}{path}")
            name = out / f"{username.strip('-') or 'public'}-{n}.png"
            page.screenshot(path=str(name), full_page=True)
            print(name, page.url)
        browser.close()


if __name__ == "__main__":
    width = 1280
    args = sys.argv[1:]
    if args and args[0].startswith("--width="):
        width = int(args.pop(0).split("=")[1])
    main(args[0], args[1:], width)
