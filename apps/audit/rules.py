"""The numbers of the audit trail's rules.

RETENTION_DAYS — audit entries are kept at least this long: 《中华人民共和国网络安全法》 Art. 21(3) “留存相关的网络日志
不少于六个月”. Nothing purges the trail earlier (there is no purge at all yet); a deployment may keep it longer."""

RETENTION_DAYS = 180
