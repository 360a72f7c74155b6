// GraphQL over HTTP: `POST /graphql` runs one document against the schema built from the
// contract's SDL (graphql-js), with one resolver per query and mutation.
//
// The schema's field names are GraphQL's (camelCase); the models keep the model's wire names.
// `toGraphql` and `fromGraphql` translate between the two, type by type, with the table
// written next to the SDL.

import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import { buildSchema, GraphQLError, graphql, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";

import { type Ctx, ctxFromHeaders } from "./context";
import { AppError } from "./errors";

/** Per GraphQL type: per field, [the model's JSON key, the field's named type]. */
export type TypeTable = Record<string, Record<string, [string, string]>>;

/** One root field's resolver: the request's context, the HTTP request, the arguments. */
export type RootResolver = (ctx: Ctx, request: FastifyRequest, args: Record<string, unknown>) => Promise<unknown>;

/** A model value (wire names) as a value of GraphQL type `type` (GraphQL names). */
export function toGraphql(value: unknown, type: string, table: TypeTable): unknown {
  const fields = table[type];
  if (value === null || value === undefined || fields === undefined || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => toGraphql(v, type, table));
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, [key, inner]] of Object.entries(fields)) out[name] = toGraphql(source[key], inner, table);
  return out;
}

/** A value of GraphQL input type `type` (GraphQL names) as a model value (wire names). */
export function fromGraphql(value: unknown, type: string, table: TypeTable): unknown {
  const fields = table[type];
  if (value === null || value === undefined || fields === undefined || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => fromGraphql(v, type, table));
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, [key, inner]] of Object.entries(fields)) {
    if (name in source) out[key] = fromGraphql(source[name], inner, table);
  }
  return out;
}

/** The `extensions.code` of an error: GraphQL's usual names for the service's errors. */
function errorCode(error: unknown): string {
  if (!(error instanceof AppError)) return "INTERNAL_SERVER_ERROR";
  switch (error.code) {
    case "unauthorized":
      return "UNAUTHENTICATED";
    case "bad_request":
      return "BAD_USER_INPUT";
    default:
      return error.code.toUpperCase();
  }
}

function formatError(error: GraphQLError): Record<string, unknown> {
  const out: Record<string, unknown> = { message: error.message };
  if (error.locations) out["locations"] = error.locations;
  if (error.path) out["path"] = error.path;
  const code = error.originalError
    ? errorCode(error.originalError)
    : error.path
      ? "INTERNAL_SERVER_ERROR"
      : "GRAPHQL_VALIDATION_FAILED";
  out["extensions"] = { code };
  return out;
}

interface GraphqlBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** Serves `schema` at `POST /graphql`; `resolvers` is keyed `Query.field` / `Mutation.field`. */
export function serveGraphql(
  app: FastifyInstance,
  sdl: string,
  resolvers: Record<string, RootResolver>,
  preHandler: preHandlerHookHandler[],
): GraphQLSchema {
  const schema = buildSchema(sdl);
  const fieldResolver: GraphQLFieldResolver<unknown, { ctx: Ctx; request: FastifyRequest }> = (
    source,
    args,
    context,
    info,
  ) => {
    if (info.path.prev === undefined) {
      const resolve = resolvers[`${info.parentType.name}.${info.fieldName}`];
      if (resolve === undefined) throw new AppError("internal", `no resolver for ${info.fieldName}`);
      return resolve(context.ctx, context.request, args);
    }
    return typeof source === "object" && source !== null
      ? (source as Record<string, unknown>)[info.fieldName]
      : undefined;
  };
  app.post<{ Body: GraphqlBody }>("/graphql", { preHandler }, async (request, reply) => {
    const ctx = ctxFromHeaders(request.headers);
    request.log.info({ requestId: ctx.requestId, operation: "graphql" }, "request received");
    const body = request.body ?? {};
    if (typeof body.query !== "string") {
      return reply.status(400).send({ errors: [{ message: "a `query` string is required", extensions: { code: "BAD_REQUEST" } }] });
    }
    const variables =
      typeof body.variables === "object" && body.variables !== null ? (body.variables as Record<string, unknown>) : undefined;
    const result = await graphql({
      schema,
      source: body.query,
      rootValue: null,
      contextValue: { ctx, request },
      variableValues: variables,
      operationName: typeof body.operationName === "string" ? body.operationName : undefined,
      fieldResolver,
    });
    for (const e of result.errors ?? []) {
      if (e.originalError && !(e.originalError instanceof AppError)) {
        request.log.error({ requestId: ctx.requestId, error: e.message }, "resolver failed");
      }
    }
    const answer: Record<string, unknown> = {};
    if (result.errors) answer["errors"] = result.errors.map(formatError);
    if ("data" in result) answer["data"] = result.data ?? null;
    return reply.status(200).send(answer);
  });
  return schema;
}
