// Starts govuk-frontend's enhancements (a static file, so the Content Security Policy can stay 'self' only).
import { initAll } from '/assets/govuk-frontend.min.js';
initAll();
