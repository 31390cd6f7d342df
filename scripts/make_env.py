"""Print a .env for a local demo: a random Django secret and a random SM4 data key."""

import secrets

print(f"SECRET_KEY={secrets.token_urlsafe(50)}")
print(f"SM4_KEY_HEX={secrets.token_hex(16)}")
