// GraphQL over HTTP: `POST /graphql` runs one document against the schema built from the
// contract's SDL (graphql-js), with one resolver per query and mutation.
//
// Subscriptions are served over SSE (GraphQL over SSE, distinct connections mode): posted with
// `Accept: text/event-stream`, the answer is a stream of `event: next` (one execution result
// each) ended by `event: complete`. Their resolvers answer a stream of values.
//
// The schema's field names are GraphQL's (camelCase); the models keep the model's wire names.
// `toGraphql` and `fromGraphql` translate between the two, type by type, with the table
// written next to the SDL.

import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import {
  buildSchema,
  type ExecutionResult,
  getOperationAST,
  GraphQLError,
  graphql,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  parse,
  subscribe,
  validate,
} from "graphql";

import { type Ctx, ctxFromHeaders } from "./context";
import { AppError } from "./errors";

/** Per GraphQL type: per field, [the model's JSON key, the field's named type]. */
export type TypeTable = Record<string, Record<string, [string, string]>>;

/**
 * One root field's resolver: the request's context, the HTTP request, the arguments. A
 * subscription's answers an async iterator of the field's values (see `mapStream`).
 */
export type RootResolver = (ctx: Ctx, request: FastifyRequest, args: Record<string, unknown>) => Promise<unknown>;

/** `source` with `f` applied to each value; ending it ends `source`. */
export function mapStream<T>(source: AsyncIterator<T>, f: (value: T) => unknown): AsyncIterableIterator<unknown> {
  return {
    async next(): Promise<IteratorResult<unknown>> {
      const r = await source.next();
      return r.done ? { value: undefined, done: true } : { value: f(r.value), done: false };
    },
    async return(): Promise<IteratorResult<unknown>> {
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

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

/** An execution result as the GraphQL response format writes it. */
function answerOf(result: ExecutionResult): Record<string, unknown> {
  const answer: Record<string, unknown> = {};
  if (result.errors) answer["errors"] = result.errors.map(formatError);
  if ("data" in result) answer["data"] = result.data ?? null;
  return answer;
}

function isAsyncIterable(value: unknown): value is AsyncGenerator<ExecutionResult> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

interface GraphqlBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** Serves `schema` at `POST /graphql`; `resolvers` is keyed `Query.field`, `Mutation.field`, `Subscription.field`. */
export function serveGraphql(
  app: FastifyInstance,
  sdl: string,
  resolvers: Record<string, RootResolver>,
  preHandler: preHandlerHookHandler[],
): GraphQLSchema {
  const schema = buildSchema(sdl);
  const rootResolver: GraphQLFieldResolver<unknown, { ctx: Ctx; request: FastifyRequest }> = (
    _source,
    args,
    context,
    info,
  ) => {
    const resolve = resolvers[`${info.parentType.name}.${info.fieldName}`];
    if (resolve === undefined) throw new AppError("internal", `no resolver for ${info.fieldName}`);
    return resolve(context.ctx, context.request, args);
  };
  const fieldResolver: GraphQLFieldResolver<unknown, { ctx: Ctx; request: FastifyRequest }> = (
    source,
    args,
    context,
    info,
  ) => {
    if (info.path.prev === undefined) {
      // A subscription's event is already the field's value (its stream was mapped).
      if (info.operation.operation === "subscription") return source;
      return rootResolver(source, args, context, info);
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
    const operationName = typeof body.operationName === "string" ? body.operationName : undefined;
    const logErrors = (result: ExecutionResult): void => {
      for (const e of result.errors ?? []) {
        if (e.originalError && !(e.originalError instanceof AppError)) {
          request.log.error({ requestId: ctx.requestId, error: e.message }, "resolver failed");
        }
      }
    };
    let document;
    try {
      document = parse(body.query);
    } catch {
      document = undefined; // graphql() below answers the syntax error
    }
    if (document !== undefined && getOperationAST(document, operationName)?.operation === "subscription") {
      if (!String(request.headers.accept ?? "").includes("text/event-stream")) {
        return reply.status(400).send({
          errors: [
            {
              message: "subscriptions are served over SSE: POST them to /graphql with `Accept: text/event-stream`",
              extensions: { code: "BAD_REQUEST" },
            },
          ],
        });
      }
      const invalid = validate(schema, document);
      if (invalid.length > 0) return reply.status(400).send(answerOf({ errors: invalid }));
      const stream = await subscribe({
        schema,
        document,
        rootValue: null,
        contextValue: { ctx, request },
        variableValues: variables,
        operationName,
        fieldResolver,
        subscribeFieldResolver: rootResolver,
      });
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
      raw.flushHeaders();
      const send = (result: ExecutionResult): void => {
        logErrors(result);
        raw.write(`event: next\ndata: ${JSON.stringify(answerOf(result))}\n\n`);
      };
      if (isAsyncIterable(stream)) {
        // The client going away ends the stream (and its subscription to the service).
        raw.on("close", () => void stream.return(undefined));
        for await (const result of stream) send(result);
      } else {
        send(stream); // refused before it started: one result with the errors
      }
      raw.end("event: complete\ndata:\n\n");
      return reply;
    }
    const result = await graphql({
      schema,
      source: body.query,
      rootValue: null,
      contextValue: { ctx, request },
      variableValues: variables,
      operationName,
      fieldResolver,
    });
    logErrors(result);
    return reply.status(200).send(answerOf(result));
  });
  return schema;
}
