import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Operation } from '../lib/http/api.js';

/** The OpenAPI document as served; only the parts this service reads back are typed. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { summary?: string; 'x-schema-error'?: string }>>;
  [key: string]: unknown;
}

const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable machine-readable code, e.g. validation_failed, not_found, rule_violation'),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'An error, in the RFC 9457 problem shape' });

const problemContent = { 'application/problem+json': { schema: problem } };

/** Express writes path parameters as `:id`, OpenAPI as `{id}`. */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function routeConfig(operation: Operation): RouteConfig {
  const { spec } = operation;
  const isPublic = spec.access === 'public';
  const status = spec.successStatus ?? (spec.response || spec.produces ? 200 : 204);
  const success = spec.produces
    ? { description: 'Success', content: { [spec.produces]: { schema: spec.response ?? z.string() } } }
    : spec.response
      ? { description: 'Success', content: { 'application/json': { schema: spec.response } } }
      : { description: 'Done; no body' };
  const request: NonNullable<RouteConfig['request']> = {};
  if (spec.params) request.params = spec.params as never;
  if (spec.query) request.query = spec.query as never;
  if (spec.body) request.body = { required: true, content: { 'application/json': { schema: spec.body } } };
  if (spec.consumes) request.body = { required: true, description: spec.consumes.description, content: { [spec.consumes.mediaType]: { schema: z.string() } } };
  return {
    method: operation.method,
    path: toOpenApiPath(operation.path),
    summary: spec.summary,
    tags: [spec.tag],
    ...(isPublic ? { security: [] } : { description: `Roles: ${(spec.access as readonly string[]).join(', ')}.` }),
    request,
    responses: {
      [status]: success,
      400: { description: 'The request is not valid (field paths in `errors`)', content: problemContent },
      ...(isPublic ? {} : { 401: { description: 'No valid session', content: problemContent }, 403: { description: 'The role does not allow this', content: problemContent } }),
      ...(spec.params ? { 404: { description: 'Not found, or not in the caller\'s scope', content: problemContent } } : {}),
    },
  };
}

function generate(operations: Operation[]): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', { type: 'http', scheme: 'bearer', description: 'A session token from POST /auth/login' });
  for (const operation of operations) registry.registerPath(routeConfig(operation));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Care Leaver Offers',
      version: '1',
      description: 'Matches care leavers to ring-fenced apprenticeships, Care Leaver Covenant offers and early social housing applications. Generated from the schemas that validate each request.',
    },
    servers: [{ url: '/api', description: 'The JSON API; pages own the other paths' }],
    security: [{ session: [] }],
  }) as unknown as OpenApiDocument;
}

/**
 * Builds the OpenAPI 3.1 document from the operations the Api declared, with the same zod schemas that
 * validate requests. If one operation's schema cannot be rendered, the rest are still documented and that
 * operation carries `x-schema-error` (the drift test fails on it) rather than the whole document failing.
 */
export function buildOpenApiDocument(operations: Operation[]): OpenApiDocument {
  try {
    return generate(operations);
  } catch {
    const renderable = operations.filter((operation) => {
      try {
        generate([operation]);
        return true;
      } catch {
        return false;
      }
    });
    const document = generate(renderable);
    for (const operation of operations.filter((candidate) => !renderable.includes(candidate))) {
      const path = toOpenApiPath(operation.path);
      let reason = 'unknown';
      try {
        generate([operation]);
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
      }
      document.paths[path] = { ...document.paths[path], [operation.method]: { summary: operation.spec.summary, 'x-schema-error': reason } };
    }
    return document;
  }
}
