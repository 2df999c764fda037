#!/usr/bin/env python3
"""Verifies a swgate webhook (Python 3.8+, standard library only).

swgate signs each notification with the participant's webhook secret:
  X-Swgate-Timestamp: <unix seconds>
  X-Swgate-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">
Verify over the raw bytes of the body (not re-serialised JSON), compare in constant time, and
refuse a timestamp too far from now so a captured notification cannot be replayed.

As a command: SWGATE_WEBHOOK_SECRET=... python3 verify.py <timestamp> <signature> < body
exits 0 when the notification is genuine and fresh, 1 otherwise.
"""
import hashlib
import hmac
import os
import sys
import time


def verify_swgate_webhook(secret: bytes, timestamp: str, signature: str, body: bytes, tolerance_seconds: int = 300, now: float = None) -> bool:
    if not timestamp.isdigit():
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > tolerance_seconds:
        return False
    expected = "sha256=" + hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode())


if __name__ == "__main__":
    secret = os.environ.get("SWGATE_WEBHOOK_SECRET")
    if not secret or len(sys.argv) != 3:
        print("usage: SWGATE_WEBHOOK_SECRET=... verify.py <timestamp> <signature> < body", file=sys.stderr)
        sys.exit(2)
    genuine = verify_swgate_webhook(secret.encode(), sys.argv[1], sys.argv[2], sys.stdin.buffer.read())
    print("genuine" if genuine else "NOT genuine")
    sys.exit(0 if genuine else 1)
