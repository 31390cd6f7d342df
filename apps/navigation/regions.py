"""Where a record's first applicant is: (country, province, prefecture) from what an export says about it (issue 19,
"distribution by country/province and, for Inner Mongolia, by prefecture"; `schema.py`: `country`, `province`,
`prefecture`).

    regions = Regions.load()                 # Inner Mongolia's prefectures from apps.reference (once per import)
    regions.locate(address="内蒙古自治区包头市昆都仑区…", province="", country="")  → ("CN", "15", "150200")

What is read, first what says it best:
- `country`: an ISO 3166 alpha-2 code ("CN", "us"; incoPat 申请人国别代码), a country's Chinese name ("美国", "日本";
  `COUNTRIES`), or a Chinese province's name (incoPat 申请人所在国(省) writes the province for a Chinese applicant);
- `province`: a province's name, full or short ("内蒙古自治区", "内蒙古", "广东省"), a GB/T 2260 code ("15"), and
  optionally its prefecture after it ("内蒙古;包头", "内蒙古包头市": incoPat 申请人省市, Patentics 省份);
- `address`: the applicant's address (申请人地址), read from its start: a postal code, "中国" or "中华人民共和国" may
  precede the province; an address that starts with an Inner Mongolian prefecture ("包头市…") is in Inner Mongolia.

The prefecture (a six-digit `apps.reference.Prefecture.code`) is found only for Inner Mongolia: the names of the
`Prefecture` rows, full ("包头市", "兴安盟") or without their suffix ("包头", "兴安"), and the former names of
`FORMER_NAMES` (哲里木盟 → 通辽, 伊克昭盟 → 鄂尔多斯). The separately administered cities 满洲里市 and 二连浩特市 are
looked for before their parents: "内蒙古呼伦贝尔市满洲里市…" is 满洲里 (150781). Hong Kong, Macao and Taiwan are China
with their GB/T 2260 codes (81, 82, 71), whether written as a name or as "HK", "MO", "TW".

Anything not recognised is "" (unknown), never an error: the analyses show it as "unknown". Each distinct
(address, province, country) is read once per `Regions` (`CACHE_ENTRIES` at most)."""

import re
import unicodedata

from . import schema

CACHE_ENTRIES = 200_000

# Countries by their Chinese names (the ones the landscape exports write most); ISO codes are read as they are.
COUNTRIES: dict[str, str] = {
    "中国": "CN",
    "中华人民共和国": "CN",
    "美国": "US",
    "日本": "JP",
    "韩国": "KR",
    "德国": "DE",
    "法国": "FR",
    "英国": "GB",
    "瑞士": "CH",
    "荷兰": "NL",
    "瑞典": "SE",
    "意大利": "IT",
    "加拿大": "CA",
    "澳大利亚": "AU",
    "芬兰": "FI",
    "丹麦": "DK",
    "比利时": "BE",
    "奥地利": "AT",
    "以色列": "IL",
    "新加坡": "SG",
    "印度": "IN",
    "俄罗斯": "RU",
    "西班牙": "ES",
    "挪威": "NO",
    "爱尔兰": "IE",
    "卢森堡": "LU",
    "巴西": "BR",
}
# Regions of China written as countries: ISO code → GB/T 2260 code.
CHINESE_REGIONS = {"HK": "81", "MO": "82", "TW": "71"}
# Former names of Inner Mongolian prefectures → the prefecture's code.
FORMER_NAMES = {"哲里木盟": "150500", "哲里木": "150500", "伊克昭盟": "150600", "伊克昭": "150600"}

_LEAD = r"^[\s\d()（）\[\]【】,，.。:：;；\-—]*(?:中华人民共和国|中国)?\s*"
_SEPARATORS = re.compile(r"[\s;；,，、/|()（）]+")


def _norm(text) -> str:
    if text is None:
        return ""
    text = str(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.strip()


def _prefecture_rows() -> list[tuple[str, str, bool]]:
    """(code, name, is a separately administered city) of Inner Mongolia's prefectures: the `Prefecture` rows, or
    the seed list the data migration loads when the table is empty (a bare test database)."""
    from apps.reference.models import Prefecture
    from apps.reference.seed import PREFECTURES

    rows = [(p.code, p.name, p.parent_id is not None) for p in Prefecture.objects.all()]
    if not rows:
        rows = [(code, name, parent is not None) for code, name, _kind, parent in PREFECTURES]
    return rows


class Regions:
    """The reader of one import (see the module docstring)."""

    def __init__(self, prefectures: list[tuple[str, str, bool]]):
        names: dict[str, str] = {}
        # Separately administered cities first, then longer names first (a name never loses to its own prefix).
        ordered = sorted(prefectures, key=lambda row: (not row[2], -len(row[1])))
        for code, name, _pilot in ordered:
            names.setdefault(name, code)
            short = name.removesuffix("市").removesuffix("盟")
            if len(short) >= 2:
                names.setdefault(short, code)
        for name, code in FORMER_NAMES.items():
            names.setdefault(name, code)
        pilots = [name for code, name, pilot in ordered if pilot for name in (name, name.removesuffix("市"))]
        others = sorted((name for name in names if name not in pilots), key=len, reverse=True)
        self._prefecture_names = names
        self._pilot = re.compile("|".join(map(re.escape, pilots))) if pilots else None
        self._prefecture = re.compile("|".join(map(re.escape, others)))
        self._prefecture_at_start = re.compile(_LEAD + "(" + "|".join(map(re.escape, others + pilots)) + ")")
        province_names = sorted(schema.PROVINCES.values(), key=len, reverse=True)
        self._province_codes = {name: code for code, name in schema.PROVINCES.items()}
        self._province_at_start = re.compile(_LEAD + "(" + "|".join(map(re.escape, province_names)) + ")")
        self._cache: dict[tuple, tuple[str, str, str]] = {}

    @classmethod
    def load(cls) -> "Regions":
        return cls(_prefecture_rows())

    # ---------------------------------------------------------------- pieces

    def province_of(self, text: str) -> tuple[str, int]:
        """(GB/T 2260 code, where the name ends in `text`) of a province named at the start of `text`; ("", 0)."""
        if not text:
            return "", 0
        if text.isdigit() and text in schema.PROVINCES:
            return text, len(text)
        match = self._province_at_start.match(text)
        if match:
            return self._province_codes[match.group(1)], match.end()
        if self._prefecture_at_start.match(text):
            return schema.INNER_MONGOLIA, 0
        return "", 0

    def prefecture_of(self, text: str) -> str:
        """The code of the Inner Mongolian prefecture named in `text` (a separately administered city first)."""
        if not text:
            return ""
        if re.fullmatch(r"15\d{4}", text):
            return text if text in self._prefecture_names.values() else ""
        for pattern in (self._pilot, self._prefecture):
            if pattern is not None and (match := pattern.search(text)):
                return self._prefecture_names[match.group(0)]
        return ""

    def country_of(self, text: str) -> tuple[str, str]:
        """(ISO code, province code when the text names a Chinese province or HK/MO/TW) of a country cell."""
        if not text:
            return "", ""
        upper = text.upper()
        if re.fullmatch(r"[A-Z]{2}", upper):
            if upper in CHINESE_REGIONS:
                return "CN", CHINESE_REGIONS[upper]
            return upper, ""
        word = _SEPARATORS.split(text)[0] if text else ""
        for name in (text, word):
            if name in COUNTRIES:
                return COUNTRIES[name], ""
        province, _end = self.province_of(text)
        if province:
            return "CN", province
        for name, code in COUNTRIES.items():
            if text.startswith(name):
                return code, ""
        match = re.search(r"\b([A-Z]{2})\b", upper)  # "美国(US)"
        if match and match.group(1) not in ("CN",) and match.group(1) not in CHINESE_REGIONS:
            return match.group(1), ""
        return "", ""

    # ---------------------------------------------------------------- the whole

    def locate(self, *, address="", province="", country="", prefecture="") -> tuple[str, str, str]:
        """(country, province, prefecture) of the first applicant; "" for what is unknown. `prefecture`: an Inner
        Mongolian prefecture's code or name, when the source gives it apart."""
        key = (address, province, country, prefecture)
        found = self._cache.get(key)
        if found is None:
            found = self._locate(_norm(address), _norm(province), _norm(country))
            named = self.prefecture_of(_norm(prefecture)) if prefecture else ""
            if named and found[0] in ("", "CN") and found[1] in ("", schema.INNER_MONGOLIA):
                found = ("CN", schema.INNER_MONGOLIA, named)
            if len(self._cache) < CACHE_ENTRIES:
                self._cache[key] = found
        return found

    def _locate(self, address: str, province_text: str, country_text: str) -> tuple[str, str, str]:
        country, province = self.country_of(country_text)
        rest = ""
        if not province and province_text and country in ("", "CN"):
            province, end = self.province_of(province_text)
            rest = province_text[end:] if province else ""
            if not province:
                named = self.prefecture_of(province_text)
                province, rest = (schema.INNER_MONGOLIA, province_text) if named else ("", "")
        if not province and address and country in ("", "CN"):
            province, end = self.province_of(address)
            rest = address[end:] if province else ""
        elif province == schema.INNER_MONGOLIA and address:
            rest = f"{rest} {address}"
        if province and not country:
            country = "CN"
        prefecture = ""
        if province == schema.INNER_MONGOLIA:
            prefecture = self.prefecture_of(rest) or self.prefecture_of(province_text)
        return country, province, prefecture
