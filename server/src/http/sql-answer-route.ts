import type express from 'express';
import Negotiator from 'negotiator';
import { getOperationAST, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { checkOperationLimits, type OperationLimits } from '../graphql/operation-limits.js';
import type { SqlAnswerer } from '../graphql/sql-answers.js';
import type { SettleMetrics } from '../platform/metrics/settle-metrics.js';

/** Query texts whose parsed and validated document is kept (Apollo keeps its own for the rest). */
const MAX_DOCUMENTS = 1_000;
/** The media types Apollo offers a single answer in, in its order of preference (its MEDIA_TYPES). */
const OFFERED = [
  'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8',
  'application/json; callbackSpec=1.0; charset=utf-8',
];

/**
 * The HTTP side of the SQL answers (graphql/sql-answers.ts): a POST whose operation PostgreSQL answers
 * alone is answered here, before Apollo, with the JSON text PostgreSQL built, spliced into the response
 * untouched; Apollo's request pipeline (its plugins, JSON parse and re-serialization of the answer) is
 * what a list read spent most of its time in. Everything else, including every request this route is
 * unsure of (an Accept that asks for another media type, a document that does not parse or validate, an
 * operation over the size limits, a failing read), goes on to Apollo, which answers or explains it; the
 * tests hold both answers byte for byte equal. Runs after the caller is known (res.locals.principal).
 */
export function sqlAnswerRoute(
  schema: GraphQLSchema,
  fields: readonly string[],
  answer: SqlAnswerer,
  limits: OperationLimits,
  metrics: SettleMetrics,
): express.RequestHandler {
  // A query text that names no answered field is never parsed here (Apollo parses it anyway).
  const mayAnswer = new RegExp(`\\b(${fields.join('|')})\\b`);
  const documents = new Map<string, DocumentNode | null>();
  const documentOf = (query: string): DocumentNode | null => {
    let document = documents.get(query);
    if (document !== undefined) return document;
    try {
      document = parse(query, { maxTokens: limits.maxTokens });
      if (validate(schema, document).length) document = null;
    } catch {
      document = null;
    }
    if (documents.size >= MAX_DOCUMENTS) documents.delete(documents.keys().next().value!);
    documents.set(query, document);
    return document;
  };

  return (req, res, next) => {
    const started = performance.now();
    const principal = res.locals.principal as GraphQLContext['principal'] | undefined;
    const type = mediaTypeFor(req.headers.accept);
    const body = req.body as { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown };
    if (
      req.method !== 'POST' ||
      !fields.length ||
      !principal ||
      !type ||
      !body ||
      typeof body.query !== 'string' ||
      !mayAnswer.test(body.query) ||
      body.extensions !== undefined ||
      (body.operationName != null && typeof body.operationName !== 'string') ||
      (body.variables != null && (typeof body.variables !== 'object' || Array.isArray(body.variables)))
    )
      return next();
    const document = documentOf(body.query);
    const operationName = body.operationName as string | null | undefined;
    const variables = body.variables as Record<string, unknown> | null | undefined;
    const operation = document && getOperationAST(document, operationName);
    if (!document || operation?.operation !== 'query') return next();
    if (checkOperationLimits(schema, document, operation, variables, limits)) return next();
    answer({ document, operationName, variables, principal }).then(
      (data) => {
        if (data === null) return next();
        const text = `{"data":${data}}\n`;
        // A length, as Express gives Apollo's answers: one write, not a chunked stream.
        res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(text) }).end(text);
        const label = metrics.operationLabel(operation.name?.value ?? operationName);
        metrics.graphql.observe(
          { operation: label, type: 'query', outcome: 'ok' },
          (performance.now() - started) / 1000,
        );
        metrics.sqlAnswered.inc({ operation: label });
      },
      () => next(), // a failing read: Apollo runs it again through the resolvers and reports what fails
    );
  };
}

/**
 * The media type Apollo answers a query in for this Accept header (its chooseContentTypeForSingleResultResponse):
 * JSON when there is none, else the one the header prefers. Null when that is the type of Apollo's
 * subscription callback protocol or none is acceptable: Apollo answers those.
 */
function mediaTypeFor(accept: string | undefined): string | null {
  if (!accept) return OFFERED[0]!;
  let type = mediaTypes.get(accept);
  if (type === undefined) {
    const preferred = new Negotiator({ headers: { accept } }).mediaType(OFFERED);
    type = preferred && preferred !== OFFERED[2] ? preferred : null;
    if (mediaTypes.size < 100) mediaTypes.set(accept, type); // clients send a handful of distinct headers
  }
  return type;
}
const mediaTypes = new Map<string, string | null>();
