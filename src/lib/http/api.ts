import { Router, type Request, type Response } from 'express';
import { z, type ZodType } from 'zod';
import type { Actor, Role } from '../../users/roles.js';
import { forbidden, unauthenticated, validationFailed, zodIssues, type InputPart } from '../errors.js';
import type { AppDeps } from '../../app-deps.js';

/** What every handler gets: the validated input, who is asking, the time, and the app's dependencies. */
export interface RequestContext {
  actor: Actor;
  now: Date;
  requestId: string;
  /** A client's own X-Request-Id, kept apart from ours (requestId) so it cannot stand in for it. */
  correlationId?: string | null;
  deps: AppDeps;
}

export interface EndpointSpec<P extends ZodType, Q extends ZodType, B extends ZodType> {
  summary: string;
  tag: string;
  /** Roles allowed through; 'public' needs no session (health, login, self-registration). */
  access: 'public' | readonly Role[];
  params?: P;
  query?: Q;
  body?: B;
  /** Documents the success body in OpenAPI. */
  response?: ZodType;
  successStatus?: number;
  /** Media type of the success body when it is not JSON (e.g. text/csv). */
  produces?: string;
  /**
   * A non-JSON request body (e.g. text/csv) that the handler reads from the request stream itself;
   * documented in OpenAPI, never parsed here (leave `body` unset).
   */
  consumes?: { mediaType: string; description: string };
}

export type Handler<P extends ZodType, Q extends ZodType, B extends ZodType> = (
  input: { params: z.output<P>; query: z.output<Q>; body: z.output<B> },
  context: RequestContext,
  http: { req: Request; res: Response },
) => Promise<unknown>;

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  spec: EndpointSpec<ZodType, ZodType, ZodType>;
}

const NO_INPUT = z.strictObject({});

/**
 * Declares routes with their schemas and access in one place. Each declaration both mounts an Express
 * route and is kept in `operations`, from which the OpenAPI document is generated, so the two cannot drift.
 */
export class Api {
  readonly router = Router();
  readonly operations: Operation[] = [];

  constructor(private readonly deps: AppDeps) {}

  get<P extends ZodType = typeof NO_INPUT, Q extends ZodType = typeof NO_INPUT, B extends ZodType = typeof NO_INPUT>(path: string, spec: EndpointSpec<P, Q, B>, handler: Handler<P, Q, B>) {
    this.add('get', path, spec, handler);
  }
  post<P extends ZodType = typeof NO_INPUT, Q extends ZodType = typeof NO_INPUT, B extends ZodType = typeof NO_INPUT>(path: string, spec: EndpointSpec<P, Q, B>, handler: Handler<P, Q, B>) {
    this.add('post', path, spec, handler);
  }
  put<P extends ZodType = typeof NO_INPUT, Q extends ZodType = typeof NO_INPUT, B extends ZodType = typeof NO_INPUT>(path: string, spec: EndpointSpec<P, Q, B>, handler: Handler<P, Q, B>) {
    this.add('put', path, spec, handler);
  }
  patch<P extends ZodType = typeof NO_INPUT, Q extends ZodType = typeof NO_INPUT, B extends ZodType = typeof NO_INPUT>(path: string, spec: EndpointSpec<P, Q, B>, handler: Handler<P, Q, B>) {
    this.add('patch', path, spec, handler);
  }
  delete<P extends ZodType = typeof NO_INPUT, Q extends ZodType = typeof NO_INPUT, B extends ZodType = typeof NO_INPUT>(path: string, spec: EndpointSpec<P, Q, B>, handler: Handler<P, Q, B>) {
    this.add('delete', path, spec, handler);
  }

  private add<P extends ZodType, Q extends ZodType, B extends ZodType>(method: Operation['method'], path: string, spec: EndpointSpec<P, Q, B>, handler: Handler<P, Q, B>) {
    this.operations.push({ method, path, spec: spec as unknown as EndpointSpec<ZodType, ZodType, ZodType> });
    this.router[method](path, async (req, res) => {
      const actor = res.locals.actor as Actor | undefined;
      if (spec.access !== 'public') {
        if (!actor) throw unauthenticated();
        if (!spec.access.includes(actor.role)) throw forbidden();
      }
      const params = parseInput(spec.params, req.params, 'params');
      const query = parseInput(spec.query, req.query, 'query');
      // A route without a body schema still rejects a body with fields in it (unknown fields are never ignored).
      const body = parseInput(spec.body, req.body, 'body');
      const context: RequestContext = {
        actor: actor ?? ANONYMOUS,
        now: this.deps.clock.now(),
        requestId: String(res.locals.requestId),
        correlationId: (res.locals.correlationId as string | null | undefined) ?? null,
        deps: this.deps,
      };
      const result = await handler({ params, query, body } as never, context, { req, res });
      if (res.headersSent) return;
      if (result === undefined) res.status(spec.successStatus ?? 204).end();
      else res.status(spec.successStatus ?? 200).json(result);
    });
  }
}

/** One part of the request against its schema; a failure names each field (or query parameter) at its own path. */
function parseInput(schema: ZodType | undefined, value: unknown, part: InputPart): unknown {
  const result = (schema ?? NO_INPUT).safeParse(value ?? {});
  if (!result.success) throw validationFailed(zodIssues(result.error, part));
  return result.data;
}

/** Stands in for the actor on public routes, so handlers never see undefined; it has no rights anywhere. */
export const ANONYMOUS: Actor = { userId: '', role: 'employer', name: 'anonymous', team: null, districtIds: [], organisationId: null };

/**
 * A 24-hex-digit MongoDB id in a path; anything else is simply not found. Both cases spelt out rather than
 * with the `i` flag: OpenAPI carries the pattern as a string without flags, where `i` would be lost.
 */
export const objectId = z.string().regex(/^[0-9a-fA-F]{24}$/, 'must be a record id').meta({ example: '65f1c0ffee0000000000a001' });
export const idParams = z.strictObject({ id: objectId });
