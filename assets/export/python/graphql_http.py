"""GraphQL over HTTP: ``POST /graphql`` runs one document against the schema built from the
contract's SDL (graphql-core), with one resolver per query and mutation.

The schema's field names are GraphQL's (camelCase); the models keep the model's wire names.
``to_graphql`` and ``from_graphql`` translate between the two, type by type, with the table
written next to the SDL.
"""

import typing as _t

import pydantic as _pd
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from graphql import GraphQLError, GraphQLResolveInfo, build_schema, graphql

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


def graphql_router(
    sdl: str,
    resolvers: _t.Mapping[str, RootResolver],
    dependencies: _t.Sequence[_t.Any],
) -> APIRouter:
    """Serves the schema of ``sdl`` at ``POST /graphql``; ``resolvers`` is keyed
    ``Query.field`` / ``Mutation.field``."""
    schema = build_schema(sdl)
    router = APIRouter()

    def field_resolver(source: _t.Any, info: GraphQLResolveInfo, **args: _t.Any) -> _t.Any:
        if info.path.prev is None:
            resolve = resolvers.get(f"{info.parent_type.name}.{info.field_name}")
            if resolve is None:
                raise AppError("internal", f"no resolver for {info.field_name}")
            return resolve(info.context["ctx"], info.context["request"], args)
        return source.get(info.field_name) if isinstance(source, dict) else None

    @router.post("/graphql", include_in_schema=False, dependencies=list(dependencies))
    async def serve(request: Request) -> JSONResponse:
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
        operation = body.get("operationName")
        result = await graphql(
            schema,
            body["query"],
            context_value={"ctx": ctx, "request": request},
            variable_values=variables if isinstance(variables, dict) else None,
            operation_name=operation if isinstance(operation, str) else None,
            field_resolver=field_resolver,
        )
        answer: _t.Dict[str, _t.Any] = {}
        for e in result.errors or []:
            if e.original_error is not None and not isinstance(e.original_error, AppError):
                log.error("resolver failed", extra={"request_id": ctx.request_id, "error": str(e)})
        if result.errors:
            answer["errors"] = [_format(e) for e in result.errors]
        if result.data is not None or not result.errors:
            answer["data"] = result.data
        return JSONResponse(status_code=200, content=answer)

    return router


M = _t.TypeVar("M", bound=_pd.BaseModel)


def parse(model: _t.Type[M], value: _t.Any) -> M:
    """An argument as a model; a value that does not fit is the caller's error."""
    try:
        return model.model_validate(value)
    except _pd.ValidationError as e:
        raise AppError("bad_request", str(e)) from e
