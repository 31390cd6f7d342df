"""The numbers of the accounts app's rules, beside the pure functions that use them (`conflicts.py`).

FORMER_EMPLOYER_YEARS — an expert who left an organization less than this many years ago must not judge its items
(conflict of interest, `conflicts.find`). The measures (《内蒙古自治区高价值专利培育中心管理办法》, Art. 8 and 11:
“组织专家论证” / “组织专家评审”) require expert argument and review but set no avoidance period; the platform takes
the period the State Council fixed for public procurement reviewers, 《中华人民共和国政府采购法实施条例》 Art. 9(1):
“参加采购活动前3年内与供应商存在劳动关系” must withdraw (also 《政府采购评审专家管理办法》, 财库〔2016〕198号,
Art. 16). The rule is the brief's (issue #12), its number taken by analogy with that regulation; once the bureau's
parameters table holds it, this constant is its default.
"""

FORMER_EMPLOYER_YEARS = 3

# Per-account protection across all addresses (apps/accounts/security.py). The lock is per (username, address), so
# a remote attacker cannot lock a colleague out, and an attacker with many addresses could guess on. Once this many
# password (or second-factor) failures for one account, from any addresses, fall within the window, every further
# password try for that account needs the human check (apps/core/human_check.py) first — a check, not a lock: the
# real user still gets in. Twice the default per-address lockout threshold; the window matches how long the
# failures are kept (accounts.tasks.purge_expired_security_counters: one day).
ACCOUNT_HUMAN_CHECK_FAILURES = 10
ACCOUNT_HUMAN_CHECK_WINDOW_HOURS = 24
