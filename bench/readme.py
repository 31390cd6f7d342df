"""Copy bench/results/latest.md into the README's "Performance" section, between its markers, so the figures
there are never typed by hand: `make bench` runs it after the benchmark (`python bench/readme.py` alone refreshes
the README from the last results)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN = "<!-- bench:begin (written by bench/readme.py from bench/results/latest.md; do not edit by hand) -->"
END = "<!-- bench:end -->"


def main() -> int:
    readme = ROOT / "README.md"
    latest = ROOT / "bench" / "results" / "latest.md"
    if not latest.exists():
        print(f"{latest} does not exist: run `make bench` first.", file=sys.stderr)
        return 1
    text = readme.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        print(f"README.md has no {BEGIN} … {END} markers.", file=sys.stderr)
        return 1
    head, rest = text.split(BEGIN, 1)
    _old, tail = rest.split(END, 1)
    readme.write_text(f"{head}{BEGIN}\n{latest.read_text(encoding='utf-8').strip()}\n{END}{tail}", encoding="utf-8")
    print(f"README.md: Performance section refreshed from {latest.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
