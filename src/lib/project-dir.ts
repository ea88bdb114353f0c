import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root, computed from this file's place (src/lib or, after `npm run build`, dist/src/lib), so that
 * templates and public files are found whether the service runs from the sources (tsx) or from a build (node).
 */
export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** govuk-frontend's compiled files (CSS, JS, fonts, images, Nunjucks macros), wherever npm installed the package. */
export const GOVUK_FRONTEND_DIST = path.join(path.dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');
