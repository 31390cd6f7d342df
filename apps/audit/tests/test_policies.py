from django.contrib.auth.models import AnonymousUser

from apps.audit.policies import can_read_audit


def test_only_the_audit_administrator_reads_the_audit_trail(world):
    readers = {actor for actor, user in world.users.items() if can_read_audit(user)}
    assert readers == {"audit_admin"}
    refused = can_read_audit(AnonymousUser())
    assert not refused and refused.reason
