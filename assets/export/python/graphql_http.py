"""GraphQL over HTTP: ``POST /graphql`` runs one document against the schema built from the
contract's SDL (graphql-core), with one resolver per query and mutation.

Subscriptions are served over SSE (GraphQL over SSE, distinct connections mode): posted with
``Accept: text/event-stream``, the answer is a stream of ``event: next`` (one execution result
each) ended by ``event: complete``. Their resolvers answer an async iterator of values.

The schema's field names are GraphQL's (camelCase); the models keep the model's wire names.
``to_graphql`` and ``from_graphql`` translate between the two, type by type, with the table
written next to the SDL.
"""

import json
import typing as _t

import pydantic as _pd
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from graphql import (
    ExecutionResult,
    GraphQLError,
    GraphQLResolveInfo,
    OperationType,
    build_schema,
    get_operation_ast,
    graphql,
    subscribe,
    validate,
)
from graphql import parse as parse_document

from .context import Ctx, ctx_from_headers
from .errors import AppError
from .logs import log

# Per GraphQL type: per field, (the model's JSON key, the field's named type).
TypeTable = _t.Mapping[str, _t.Mapping[str, _t.Tuple[str, str]]]
RootResolver = _t.Callable[[Ctx, Request, _t.Dict[str, _t.Any]], _t.Awaitable[_t.Any]]


def dump(value: _t.Any) -> _t.Any:
    """A service answer (models, lists of them) as plain JSON values with wire names."""
    if isinstance(value, _pd.BaseModel):
        return value.model_dump(by_alias=True, mode="json")
    if isinstance(value, list):
        return [dump(v) for v in value]
    return value


def to_graphql(value: _t.Any, type_: str, table: TypeTable) -> _t.Any:
    """A model value (wire names) as a value of GraphQL type ``type_`` (GraphQL names)."""
    fields = table.get(type_)
    if fields is None or value is None:
        return value
    if isinstance(value, list):
        return [to_graphql(v, type_, table) for v in value]
    if not isinstance(value, dict):
        return value
    return {name: to_graphql(value.get(key), inner, table) for name, (key, inner) in fields.items()}


def from_graphql(value: _t.Any, type_: str, table: TypeTable) -> _t.Any:
    """A value of GraphQL input type ``type_`` (GraphQL names) as a model value (wire names)."""
    fields = table.get(type_)
    if fields is None or value is None:
        return value
    if isinstance(value, list):
        return [from_graphql(v, type_, table) for v in value]
    if not isinstance(value, dict):
        return value
    return {
        key: from_graphql(value[name], inner, table)
        for name, (key, inner) in fields.items()
        if name in value
    }


def _code(error: GraphQLError) -> str:
    """The ``extensions.code`` of an error: GraphQL's usual names for the service's errors."""
    original = error.original_error
    if isinstance(original, AppError):
        return {"unauthorized": "UNAUTHENTICATED", "bad_request": "BAD_USER_INPUT"}.get(
            original.code, original.code.upper()
        )
    if original is not None or error.path:
        return "INTERNAL_SERVER_ERROR"
    return "GRAPHQL_VALIDATION_FAILED"


def _format(error: GraphQLError) -> _t.Dict[str, _t.Any]:
    out = dict(error.formatted)
    out["extensions"] = {"code": _code(error)}
    return out


def _answer(result: ExecutionResult, ctx: Ctx) -> _t.Dict[str, _t.Any]:
    """An execution result as the GraphQL response format writes it (logging failures)."""
    answer: _t.Dict[str, _t.Any] = {}
    for e in result.errors or []:
        if e.original_error is not None and not isinstance(e.original_error, AppError):
            log.error("resolver failed", extra={"request_id": ctx.request_id, "error": str(e)})
    if result.errors:
        answer["errors"] = [_format(e) for e in result.errors]
    if result.data is not None or not result.errors:
        answer["data"] = result.data
    return answer


class MappedStream:
    """``source`` with ``f`` applied to each value; closing it closes ``source``."""

    def __init__(self, source: _t.AsyncIterator[_t.Any], f: _t.Callable[[_t.Any], _t.Any]) -> None:
        self._source = source
        self._f = f

    def __aiter__(self) -> "MappedStream":
        return self

    async def __anext__(self) -> _t.Any:
        return self._f(await self._source.__anext__())

    async def aclose(self) -> None:
        aclose = getattr(self._source, "aclose", None)
        if aclose is not None:
            await aclose()


def map_stream(source: _t.AsyncIterator[_t.Any], f: _t.Callable[[_t.Any], _t.Any]) -> MappedStream:
    """A subscription resolver's answer: the service's stream, each value mapped by ``f``."""
    return MappedStream(source, f)


async def _events(stream: _t.Any, ctx: Ctx) -> _t.AsyncIterator[str]:
    """The SSE events of a subscription: ``next`` per result, then ``complete``."""
    if isinstance(stream, ExecutionResult):
        # Refused before it started: one result with the errors.
        yield f"event: next\ndata: {json.dumps(_answer(stream, ctx))}\n\n"
    else:
        try:
            async for result in stream:
                yield f"event: next\ndata: {json.dumps(_answer(result, ctx))}\n\n"
        finally:
            # The client going away ends the stream (and its subscription to the service).
            await stream.aclose()
    yield "event: complete\ndata:\n\n"


def graphql_router(
    sdl: str,
    resolvers: _t.Mapping[str, RootResolver],
    dependencies: _t.Sequence[_t.Any],
) -> APIRouter:
    """Serves the schema of ``sdl`` at ``POST /graphql``; ``resolvers`` is keyed
    ``Query.field``, ``Mutation.field``, ``Subscription.field``."""
    schema = build_schema(sdl)
    router = APIRouter()

    def root_resolver(_source: _t.Any, info: GraphQLResolveInfo, **args: _t.Any) -> _t.Any:
        resolve = resolvers.get(f"{info.parent_type.name}.{info.field_name}")
        if resolve is None:
            raise AppError("internal", f"no resolver for {info.field_name}")
        return resolve(info.context["ctx"], info.context["request"], args)

    def field_resolver(source: _t.Any, info: GraphQLResolveInfo, **args: _t.Any) -> _t.Any:
        if info.path.prev is None:
            if info.operation.operation == OperationType.SUBSCRIPTION:
                return source  # a subscription's event is already the field's value
            return root_resolver(source, info, **args)
        return source.get(info.field_name) if isinstance(source, dict) else None

    @router.post("/graphql", include_in_schema=False, dependencies=list(dependencies))
    async def serve(request: Request) -> Response:
        ctx = ctx_from_headers(request.headers)
        log.info("request received", extra={"request_id": ctx.request_id, "operation": "graphql"})
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or not isinstance(body.get("query"), str):
            return JSONResponse(
                status_code=400,
                content={"errors": [{"message": "a `query` string is required", "extensions": {"code": "BAD_REQUEST"}}]},
            )
        variables = body.get("variables")
        variable_values = variables if isinstance(variables, dict) else None
        operation = body.get("operationName")
        operation_name = operation if isinstance(operation, str) else None
        try:
            document = parse_document(body["query"])
        except GraphQLError:
            document = None  # graphql() below answers the syntax error
        chosen = get_operation_ast(document, operation_name) if document is not None else None
        if document is not None and chosen is not None and chosen.operation == OperationType.SUBSCRIPTION:
            if "text/event-stream" not in request.headers.get("accept", ""):
                message = "subscriptions are served over SSE: POST them to /graphql with `Accept: text/event-stream`"
                return JSONResponse(
                    status_code=400,
                    content={"errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]},
                )
            invalid = validate(schema, document)
            if invalid:
                return JSONResponse(status_code=400, content=_answer(ExecutionResult(None, invalid), ctx))
            stream = await subscribe(
                schema,
                document,
                context_value={"ctx": ctx, "request": request},
                variable_values=variable_values,
                operation_name=operation_name,
                field_resolver=field_resolver,
                subscribe_field_resolver=root_resolver,
            )
            return StreamingResponse(
                _events(stream, ctx), media_type="text/event-stream", headers={"cache-control": "no-cache"}
            )
        result = await graphql(
            schema,
            body["query"],
            context_value={"ctx": ctx, "request": request},
            variable_values=variable_values,
            operation_name=operation_name,
            field_resolver=field_resolver,
        )
        return JSONResponse(status_code=200, content=_answer(result, ctx))

    return router


M = _t.TypeVar("M", bound=_pd.BaseModel)


def parse(model: _t.Type[M], value: _t.Any) -> M:
    """An argument as a model; a value that does not fit is the caller's error."""
    try:
        return model.model_validate(value)
    except _pd.ValidationError as e:
        raise AppError("bad_request", str(e)) from e
