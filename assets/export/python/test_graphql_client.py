"""A GraphQL client call posts its document to /graphql, returns `data` and raises the
first error of an answer as the AppError its `extensions.code` maps to."""

import asyncio
import typing as _t

from app.context import Ctx
from app.errors import AppError
from app.http import HttpClient


def test_graphql_posts_the_document_and_maps_errors() -> None:
    client = HttpClient("peer", "http://127.0.0.1:1", 1000, 0, False, True)
    sent: _t.List[_t.Any] = []
    answers = [
        {"data": {"books": [{"isbn": "1"}]}},
        {"data": None, "errors": [{"message": "a bearer token is required", "extensions": {"code": "UNAUTHENTICATED"}}]},
    ]

    async def send(ctx: Ctx, method: str, path: str, body: _t.Any = None) -> _t.Any:
        sent.append((method, path, body))
        return answers.pop(0)

    client.send = send  # type: ignore[method-assign]
    ctx = Ctx(request_id="test")
    data = asyncio.run(client.graphql(ctx, "query { books { isbn } }"))
    assert data == {"books": [{"isbn": "1"}]}
    assert sent[0] == ("POST", "/graphql", {"query": "query { books { isbn } }", "variables": {}})
    try:
        asyncio.run(client.graphql(ctx, "query { books { isbn } }", {"a": 1}))
    except AppError as e:
        assert e.code == "unauthorized", e.code
        assert "a bearer token is required" in e.message
    else:
        raise AssertionError("an UNAUTHENTICATED answer must raise")
