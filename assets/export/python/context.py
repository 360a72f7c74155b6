"""What travels with one request: its id (for logs across services) and the caller's
credentials (relayed to our own services, never to external systems)."""

import dataclasses
import typing as _t
import uuid

REQUEST_ID = "x-request-id"


@dataclasses.dataclass
class Ctx:
    request_id: str
    authorization: _t.Optional[str] = None
    api_key: _t.Optional[str] = None


def ctx_from_headers(headers: _t.Mapping[str, str]) -> Ctx:
    given = headers.get(REQUEST_ID)
    return Ctx(
        request_id=given if given and len(given) <= 128 else uuid.uuid4().hex,
        authorization=headers.get("authorization"),
        api_key=headers.get("x-api-key"),
    )


def background_ctx() -> Ctx:
    return Ctx(request_id=uuid.uuid4().hex)
