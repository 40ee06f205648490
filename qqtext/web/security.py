"""Signed cookies, CSRF tokens, the access code and the trainer token of the classroom server.

* Every browser gets a random id in the signed cookie ``qq_b`` on its first page; a learner's papers
  belong to the browser id, so nobody reaches another learner's paper by guessing.
* Every form carries a CSRF token: an HMAC of the browser id, checked on every POST. A page from
  another site cannot post in a learner's name (it cannot read the token), and a token does not
  work with another browser's cookie.
* When the server listens beyond 127.0.0.1 an access code (6 digits, printed at start) is asked once
  per browser; the trainer pages need the trainer token (printed at start) once per browser.

Cookies are signed with a key derived from the results store's secret, so they stay valid when the
server restarts on the same store (learners carry on where they were), and are ``HttpOnly`` and
``SameSite=Lax``.

>>> signer = Signer("secret")
>>> value = signer.sign("b-123")
>>> signer.unsign(value), signer.unsign(value + "x"), signer.unsign("b-123")
('b-123', None, None)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

__all__ = ["Signer", "new_browser_id", "new_access_code", "new_trainer_token", "BROWSER_COOKIE", "ACCESS_COOKIE",
           "TRAINER_COOKIE", "COOKIE_DAYS"]

BROWSER_COOKIE = "qq_b"
ACCESS_COOKIE = "qq_a"
TRAINER_COOKIE = "qq_t"
COOKIE_DAYS = 180


class Signer:
    """HMAC-SHA256 signatures of short strings, with one key."""

    def __init__(self, key: str) -> None:
        self._key = hashlib.sha256(("qqtext-web:" + key).encode("utf-8")).digest()

    def _mac(self, purpose: str, value: str) -> str:
        return hmac.new(self._key, f"{purpose}\0{value}".encode("utf-8"), hashlib.sha256).hexdigest()[:32]

    def sign(self, value: str, *, purpose: str = "cookie") -> str:
        """``value.signature``."""
        return f"{value}.{self._mac(purpose, value)}"

    def unsign(self, signed: str | None, *, purpose: str = "cookie") -> str | None:
        """The value of a signed string, or ``None`` if it is missing or its signature is wrong."""
        if not signed or "." not in signed:
            return None
        value, _, mac = signed.rpartition(".")
        return value if hmac.compare_digest(mac, self._mac(purpose, value)) else None

    def csrf(self, browser: str) -> str:
        """The CSRF token of the forms shown to ``browser``."""
        return self._mac("csrf", browser)

    def check_csrf(self, browser: str | None, token: str | None) -> bool:
        return bool(browser) and bool(token) and hmac.compare_digest(str(token), self.csrf(browser))

    def matches(self, given: str | None, expected: str) -> bool:
        """Whether ``given`` equals ``expected``, in constant time."""
        return given is not None and hmac.compare_digest(str(given).strip().encode(), expected.encode())


def new_browser_id() -> str:
    return "b-" + secrets.token_urlsafe(18)


def new_access_code() -> str:
    return f"{secrets.randbelow(900000) + 100000}"


def new_trainer_token() -> str:
    return secrets.token_urlsafe(18)
