"""Authentication for the endpoints that require it.

JWT and OAuth 2 access tokens: ``Authorization: Bearer <token>``, HS256-signed with the key in
JWT_SECRET, ``exp`` checked. API keys: ``X-API-Key``, one of the comma-separated API_KEYS.
mTLS: the TLS-terminating proxy verifies the client certificate and sets
``X-Client-Verify: SUCCESS``. Secrets come only from the environment.
"""

import base64
import hashlib
import hmac
import json
import time
import typing as _t

from fastapi import Request

from .config import load_config
from .errors import AppError

SCHEME = "__SCHEME__"


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign_jwt(claims: _t.Mapping[str, _t.Any], secret: str) -> str:
    header = _b64encode(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64encode(json.dumps(dict(claims)).encode())
    signature = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64encode(signature)}"


def verify_jwt(token: str, secret: str, now: float) -> _t.Dict[str, _t.Any]:
    parts = token.split(".")
    if len(parts) != 3:
        raise AppError("unauthorized", "invalid token: not three parts")
    header, payload, signature = parts
    try:
        parsed_header = json.loads(_b64decode(header))
        claims = json.loads(_b64decode(payload))
        given = _b64decode(signature)
    except (ValueError, TypeError):
        raise AppError("unauthorized", "invalid token: unreadable") from None
    if not isinstance(parsed_header, dict) or parsed_header.get("alg") != "HS256":
        raise AppError("unauthorized", "invalid token: only HS256 is accepted")
    expected = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(given, expected):
        raise AppError("unauthorized", "invalid token: wrong signature")
    if not isinstance(claims, dict):
        raise AppError("unauthorized", "invalid token: claims are not an object")
    exp = claims.get("exp")
    if isinstance(exp, (int, float)) and exp <= now:
        raise AppError("unauthorized", "invalid token: expired")
    return claims


async def require_auth(request: Request) -> None:
    config = load_config()
    if SCHEME == "jwt":
        header = request.headers.get("authorization", "")
        if not header.startswith("Bearer "):
            raise AppError("unauthorized", "a bearer token is required")
        if not config.jwt_secret:
            raise AppError("internal", "JWT_SECRET is not set")
        verify_jwt(header[len("Bearer "):], config.jwt_secret, time.time())
    elif SCHEME == "apiKey":
        key = request.headers.get("x-api-key")
        if not key:
            raise AppError("unauthorized", "an X-API-Key header is required")
        if not any(hmac.compare_digest(key.encode(), k.encode()) for k in config.api_keys):
            raise AppError("unauthorized", "unknown API key")
    elif request.headers.get("x-client-verify") != "SUCCESS":
        raise AppError("unauthorized", "a verified client certificate is required")
