import { Router, type Request, type Response } from 'express';
import type nunjucks from 'nunjucks';
import type { AppDeps } from '../../app-deps.js';
import type { Actor, Role } from '../../users/roles.js';
import { saveBrowserSession, type BrowserSession } from '../../users/browser-sessions.js';
import { AppError } from '../errors.js';
import { objectId } from '../http/api.js';
import { navigationFor } from './navigation.js';
import { ensureBrowserSession } from './session-middleware.js';

/** What every page handler gets: who is asking, the time, the app's dependencies, and ways to answer. */
export interface PageContext {
  actor: Actor;
  now: Date;
  requestId: string;
  deps: AppDeps;
  req: Request;
  res: Response;
  session: BrowserSession | undefined;
  render(template: string, data?: Record<string, unknown>, status?: number): void;
  /** Post/redirect/get: a 303 so that a refresh never posts twice. */
  redirect(path: string): void;
  /** Keeps a form's values and errors for the next request, then redirects back to the form. */
  redirectWithErrors(path: string, form: string, values: unknown, errors: FieldError[]): Promise<void>;
  /** Reads (once) what redirectWithErrors kept for this form. */
  takeFlash<T = Record<string, unknown>>(form: string): Promise<{ values: T; errors: FieldError[] } | undefined>;
  /** A one-line confirmation shown on the next page (GOV.UK success notification banner). */
  confirm(message: string): Promise<void>;
}

/** One problem with one form field: its id (the error summary links to it) and the message shown beside it. */
export interface FieldError {
  field: string;
  message: string;
}

export interface PageSpec {
  /** Roles allowed; 'public' pages need no sign-in (sign-in, password reset, email links before an account). */
  access: 'public' | readonly Role[];
  /** The page has a form: make sure the browser has a session (and so a CSRF token) before rendering it. */
  form?: boolean;
}

type PageHandler = (context: PageContext) => Promise<void>;

/** A page that is not there, or not yours: the same answer, so nobody learns what exists. */
export class PageNotFound extends AppError {
  constructor() {
    super(404, 'not_found', 'Page not found.');
  }
}

/** A record id from the path; anything that is not an ObjectId is the not-found page, like a record out of scope. */
export function idFrom(value: unknown): string {
  const parsed = objectId.safeParse(value);
  if (!parsed.success) throw new PageNotFound();
  return parsed.data;
}

/** The summary list and the per-field messages the GOV.UK macros expect. */
export function errorView(errors: FieldError[] | undefined) {
  if (!errors?.length) return { errorList: [], fieldErrors: {} };
  return {
    errorList: errors.map((error) => ({ text: error.message, href: `#${error.field}` })),
    fieldErrors: Object.fromEntries(errors.map((error) => [error.field, { text: error.message }])),
  };
}

/**
 * Registers pages with their access rule, like the Api does for JSON routes. Not signed in: off to the sign-in
 * page (coming back here after), or "you have been signed out" when the sign-in has expired. Wrong role or a
 * record out of scope: the not-found page.
 */
export class Pages {
  readonly router = Router();

  constructor(
    private readonly deps: AppDeps,
    private readonly env: nunjucks.Environment,
  ) {}

  get(path: string, spec: PageSpec, handler: PageHandler): void {
    this.router.get(path, this.wrap(spec, handler));
  }

  post(path: string, spec: PageSpec, handler: PageHandler): void {
    this.router.post(path, this.wrap(spec, handler));
  }

  renderPage(res: Response, template: string, data: Record<string, unknown> = {}, status = 200): void {
    const actor = res.locals.actor as Actor | undefined;
    const session = res.locals.browserSession as BrowserSession | undefined;
    const html = this.env.render(template, {
      actor,
      navigation: actor ? navigationFor(actor, String(res.req.path)) : [],
      csrfToken: session?.csrfToken ?? '',
      cspNonce: res.locals.cspNonce,
      currentPath: res.req.originalUrl,
      ...data,
    });
    res.status(status).type('html').send(html);
  }

  private wrap(spec: PageSpec, handler: PageHandler) {
    return async (req: Request, res: Response) => {
      const actor = res.locals.actor as Actor | undefined;
      if (spec.access !== 'public') {
        if (!actor) return this.sendToSignIn(req, res);
        if (!spec.access.includes(actor.role)) throw new PageNotFound();
      }
      if (spec.form || (req.method === 'GET' && spec.access !== 'public')) await ensureBrowserSession(req, res, this.deps);
      const session = res.locals.browserSession as BrowserSession | undefined;
      const context: PageContext = {
        actor: actor as Actor,
        now: this.deps.clock.now(),
        requestId: String(res.locals.requestId),
        deps: this.deps,
        req,
        res,
        session,
        render: (template, data = {}, status = 200) => this.renderPage(res, template, { ...data, confirmation: res.locals.confirmation }, status),
        redirect: (path) => void res.redirect(303, path),
        redirectWithErrors: async (path, form, values, errors) => {
          if (session) await saveBrowserSession(session, { flash: { ...(session.flash ?? {}), [form]: { values, errors } } });
          res.redirect(303, path);
        },
        takeFlash: async <T>(form: string) => {
          const kept = session?.flash?.[form] as { values: T; errors: FieldError[] } | undefined;
          if (kept && session) {
            const { [form]: _taken, ...rest } = session.flash ?? {};
            await saveBrowserSession(session, { flash: rest });
          }
          return kept;
        },
        confirm: async (message) => {
          if (session) await saveBrowserSession(session, { flash: { ...(session.flash ?? {}), confirmation: message } });
        },
      };
      if (req.method === 'GET' && typeof session?.flash?.confirmation === 'string') {
        res.locals.confirmation = session.flash.confirmation;
        const { confirmation: _shown, ...rest } = session.flash;
        await saveBrowserSession(session, { flash: rest });
      }
      await handler(context);
    };
  }

  private async sendToSignIn(req: Request, res: Response): Promise<void> {
    const session = await ensureBrowserSession(req, res, this.deps);
    // Only a local path is kept, so a crafted link cannot send someone to another site after signing in.
    if (req.method === 'GET') await saveBrowserSession(session, { returnTo: localPath(req.originalUrl) });
    if (res.locals.signedOut) return this.renderPage(res, 'users/signed-out.njk', { pageTitle: 'You have been signed out' });
    res.redirect(303, '/sign-in');
  }
}

/** A path on this site (starting with one slash), or null: "//evil.example" and "https://..." are refused. */
export function localPath(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.length > 500) return null;
  return value;
}
