import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_LAYER_NAME } from '../../src/lib/pages/page-layer.js';
import { toOpenApiPath } from '../../src/operations/openapi.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

/** Mounted on the Express app outside the Api on purpose: probes and a scraper, not the REST API. */
const OUTSIDE_THE_DOCUMENT = ['GET /healthz', 'GET /readyz', 'GET /metrics'];

interface Layer {
  name?: string;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every method+path Express would answer, found by walking the router stack (nested routers included). */
function mountedRoutes(stack: Layer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.name === PAGE_LAYER_NAME) return []; // pages for people, not the API
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      const methods = Object.keys(layer.route.methods).filter((method) => method !== '_all' && method !== 'head');
      return methods.flatMap((method) => paths.map((path) => `${method.toUpperCase()} ${toOpenApiPath(path)}`));
    }
    return layer.handle?.stack ? mountedRoutes(layer.handle.stack) : [];
  });
}

function documentedRoutes(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'options', 'head', 'trace'];
  return Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).filter((key) => METHODS.includes(key)).map((method) => `${method.toUpperCase()} ${path}`));
}

describe('the OpenAPI document', () => {
  it('when fetched without a session, then it is an OpenAPI 3.1 document', async () => {
    const response = await app.http().get('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(response.body.servers).toEqual([expect.objectContaining({ url: '/api' })]);
    expect(response.body.paths['/young-people/{id}'].get.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path', required: true })]));
  });

  it('when compared with the routes Express has mounted, then neither has one the other lacks', async () => {
    const document = (await app.http().get('/openapi.json')).body;
    const router = (app.server.app.express as unknown as { router: { stack: Layer[] } }).router;
    const mounted = mountedRoutes(router.stack).filter((route) => !OUTSIDE_THE_DOCUMENT.includes(route));
    const documented = documentedRoutes(document);
    expect(mounted.length).toBeGreaterThan(5);
    expect(mounted.filter((route) => !documented.includes(route)), 'mounted but not documented').toEqual([]);
    expect(documented.filter((route) => !mounted.includes(route)), 'documented but not mounted').toEqual([]);
  });

  it('when a route is mounted that the document does not describe, then the comparison names it (the drift check can fail)', async () => {
    const document = (await app.http().get('/openapi.json')).body;
    const express = app.server.app.express as unknown as { router: { stack: Layer[] }; get: (path: string, handler: () => void) => void };
    const before = express.router.stack.length;
    express.get('/undocumented/:thing', () => undefined);
    try {
      const undocumented = mountedRoutes(express.router.stack).filter((route) => !OUTSIDE_THE_DOCUMENT.includes(route) && !documentedRoutes(document).includes(route));
      expect(undocumented).toEqual(['GET /undocumented/{thing}']);
    } finally {
      express.router.stack.splice(before);
    }
  });

  it('when every operation is rendered, then none failed to turn its schema into OpenAPI', async () => {
    const document = (await app.http().get('/openapi.json')).body as { paths: Record<string, Record<string, { 'x-schema-error'?: string }>> };
    const failures = Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).filter(([, operation]) => operation['x-schema-error']).map(([method, operation]) => `${method} ${path}: ${operation['x-schema-error']}`));
    expect(failures).toEqual([]);
  });

  it('when a route has a request body schema, then the document carries it with unknown fields refused', async () => {
    const document = (await app.http().get('/openapi.json')).body;
    const body = document.paths['/young-people'].post.requestBody.content['application/json'].schema;
    expect(body.properties.firstName).toBeTruthy();
    expect(body.additionalProperties).toBe(false);
    expect(body.required).toEqual(expect.arrayContaining(['firstName', 'dateOfBirth']));
  });

  it('when the CSV import is described, then its body is text/csv', async () => {
    const document = (await app.http().get('/openapi.json')).body;
    expect(Object.keys(document.paths['/imports/young-people'].post.requestBody.content)).toEqual(['text/csv']);
  });
});

describe('the /docs page', () => {
  it('when opened, then it loads its scripts only from this service and they are served', async () => {
    const page = await app.http().get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src.startsWith('/')).toBe(true);
      const asset = await app.root().get(src);
      expect(asset.status, src).toBe(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
    }
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toMatch(/https?:/);
  });

  it('when an asset that is not on the list is asked for, then it is refused', async () => {
    const response = await app.http().get('/docs/assets/..%2Fpackage.json');
    expect(response.status).toBe(400);
  });
});
