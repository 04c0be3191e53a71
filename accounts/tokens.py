"""E-mail confirmation links: signed, time-limited, void once the address is confirmed."""

from django.conf import settings
from django.core import signing

SALT = "accounts.email-confirmation"


def make_confirmation_token(user) -> str:
    # The e-mail and the confirmed flag are signed too: the link dies once it has been used.
    return signing.dumps({"u": user.pk, "e": user.email, "c": user.email_confirmed}, salt=SALT)


def read_confirmation_token(token: str) -> dict | None:
    try:
        return signing.loads(token, salt=SALT, max_age=settings.ACCOUNT_ACTIVATION_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None
