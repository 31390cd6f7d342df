"""Files for the landscape import's tests: JSON lines and CSV exports written to a temporary folder, with valid
Chinese application numbers (`number(n)`)."""

import csv
import json

from apps.patents import numbers


def number(n: int, year: int = 2019, kind: str = "1") -> str:
    """A valid 12-digit application number (check character computed)."""
    digits = f"{year}{kind}{n:07d}"
    return f"{digits}.{numbers.check_character(digits)}"


def item(n: int, **values) -> dict:
    """One JSON object: an invention of 2019 by a Baotou institute; `values` replace or add keys."""
    data = {
        "application_number": number(n),
        "title": f"一种稀土永磁材料{n}",
        "abstract": "本发明公开了一种稀土永磁材料。",
        "applicants": ["包头稀土研究院"],
        "inventors": ["张三"],
        "ipc": ["H01F 1/057"],
        "patent_type": "发明",
        "legal_status": "实质审查",
        "filing_date": "2019-03-01",
        "publication_number": f"CN1{n:08d}A",
        "publication_date": "2019-09-01",
        "applicant_address": "内蒙古自治区包头市昆都仑区阿尔丁大街1号",
    }
    data.update(values)
    return {key: value for key, value in data.items() if value is not None}


def jsonl(path, lines) -> str:
    """Write `lines` (dicts, or raw text for a line as it is) as a .jsonl file; returns its path."""
    with open(path, "w", encoding="utf-8") as stream:
        for line in lines:
            stream.write((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n")
    return path


def csv_file(path, header, rows) -> str:
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path
