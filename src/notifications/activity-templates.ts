import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import { LONDON } from '../lib/dates.js';
import type { RenderedEmail } from './templates.js';

/**
 * Wording of activity notifications (templates/activity-lines.json and templates/activity-notice.*.hbs). Its own
 * Handlebars instance, with the same helpers as the reminder templates, so the two sets evolve independently.
 */
const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');
const engine = Handlebars.create();
engine.registerHelper('longDate', (date: unknown) => (typeof date === 'string' ? DateTime.fromISO(date, { zone: LONDON }).toFormat('cccc d LLLL yyyy') : ''));
engine.registerHelper('eq', (a: unknown, b: unknown) => a === b);

const readTemplate = (file: string) => readFileSync(path.join(TEMPLATES_DIR, file), 'utf8');
const cache = new Map<string, (data: object) => string>();
function render(key: string, source: () => string, data: object, escape: boolean): string {
  let compiled = cache.get(key);
  if (!compiled) {
    const template = engine.compile(source(), { noEscape: !escape, strict: false });
    compiled = (input) => template(input);
    cache.set(key, compiled);
  }
  return compiled(data);
}

let wording: { lines: Record<string, string>; subjects: Record<string, string> } | undefined;
const words = () => (wording ??= JSON.parse(readTemplate('activity-lines.json')) as { lines: Record<string, string>; subjects: Record<string, string> });

function pick(table: Record<string, string>, kind: string, variant: string | undefined): [string, string] {
  const key = variant !== undefined && table[`${kind}:${variant}`] !== undefined ? `${kind}:${variant}` : kind;
  const source = table[key];
  if (source === undefined) throw new Error(`No wording for ${key} in templates/activity-lines.json`);
  return [key, source];
}

/** The one line readers see in the service and in the digest: "<kind>:<variant>" if present, else "<kind>". */
export function renderActivityLine(kind: string, variant: string | undefined, facts: object): string {
  const [key, source] = pick(words().lines, kind, variant);
  return render(`line:${key}`, () => source, facts, false).trim();
}

/** The email sent at once: a subject with no young person's name, and the line with a link. */
export function renderActivityEmail(kind: string, facts: object, data: { recipientName: string; text: string; url: string; settingsUrl: string; urgent: boolean }): RenderedEmail {
  const [key, source] = pick(words().subjects, kind, undefined);
  const subject = render(`subject:${key}`, () => source, facts, false).trim();
  const all = { ...data, subject };
  return {
    subject: render('activity-notice.subject', () => readTemplate('activity-notice.subject.hbs'), all, false).replace(/\s+/g, ' ').trim(),
    text: render('activity-notice.text', () => readTemplate('activity-notice.text.hbs'), all, false),
    html: render('activity-notice.html', () => readTemplate('activity-notice.html.hbs'), all, true),
  };
}
