import { z } from 'zod';
import type { Api } from '../lib/http/api.js';
import { DOCS_ASSETS, sendDocsAsset, sendDocsPage } from './api-docs.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.js';

/**
 * The API's own description. Public: it says what the API accepts, never what is in it. Registered last,
 * and the document is built on first request, so it covers every operation (these three included).
 */
export function registerOperationsRoutes(api: Api): void {
  let document: OpenApiDocument | undefined;

  api.get('/openapi.json', { summary: 'This API, as an OpenAPI 3.1 document generated from its request schemas', tag: 'Operations', access: 'public', response: z.record(z.string(), z.unknown()) }, async () => {
    document ??= buildOpenApiDocument(api.operations);
    return document;
  });

  api.get('/docs', { summary: 'A page to browse and try the API (Swagger UI, served locally)', tag: 'Operations', access: 'public', produces: 'text/html' }, async (_input, _context, { res }) => {
    sendDocsPage(res);
  });

  api.get('/docs/assets/:file', { summary: 'Scripts and styles for the /docs page', tag: 'Operations', access: 'public', params: z.strictObject({ file: z.enum(DOCS_ASSETS) }), produces: 'text/plain' }, async ({ params }, _context, { res }) => {
    await sendDocsAsset(res, params.file);
  });
}
