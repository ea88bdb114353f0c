import { createRequire } from 'node:module';
import path from 'node:path';
import type { Response } from 'express';

/**
 * The browsable API page: Swagger UI from the swagger-ui-dist package, served from this service so it
 * works offline and with no script from another origin (the page's CSP allows only 'self').
 */
const SWAGGER_UI_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/absolute-path.js'));

export const DOCS_ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js', 'init.js'] as const;
export type DocsAsset = (typeof DOCS_ASSETS)[number];

// Our own start-up script, as a file rather than inline, so the CSP needs no 'unsafe-inline' for scripts.
const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: false });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Care Leaver Offers API</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
  <noscript>This page needs JavaScript. The document itself is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
  <div id="swagger-ui"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/assets/init.js"></script>
</body>
</html>
`;

/** Swagger UI styles elements inline and draws icons as data: images; everything else stays on this origin. */
const DOCS_CSP = ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"].join('; ');

export function sendDocsPage(res: Response): void {
  res.setHeader('content-security-policy', DOCS_CSP);
  res.type('html').send(PAGE);
}

export async function sendDocsAsset(res: Response, asset: DocsAsset): Promise<void> {
  res.setHeader('content-security-policy', DOCS_CSP);
  res.setHeader('cache-control', 'public, max-age=3600');
  if (asset === 'init.js') {
    res.type('application/javascript').send(INIT_SCRIPT);
    return;
  }
  await new Promise<void>((resolve, reject) => res.sendFile(path.join(SWAGGER_UI_DIR, asset), (error) => (error ? reject(error) : resolve())));
}
