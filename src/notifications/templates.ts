import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import { LONDON } from '../lib/dates.js';

/**
 * Email and reminder wording lives in templates/ and is rendered with Handlebars. HTML templates escape every
 * value; subject and plain-text templates do not (they are not HTML), so the same line reads right in both.
 */
const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');

const engine = Handlebars.create();
engine.registerHelper('longDate', (date: unknown) => (typeof date === 'string' ? DateTime.fromISO(date, { zone: LONDON }).toFormat('cccc d LLLL yyyy') : ''));
engine.registerHelper('eq', (a: unknown, b: unknown) => a === b);
engine.registerHelper('capitalise', (text: unknown) => (typeof text === 'string' ? text.charAt(0).toUpperCase() + text.slice(1) : ''));

type Render = (data: object) => string;
const cache = new Map<string, Render>();

function compiled(name: string, source: () => string, escape: boolean): Render {
  let render = cache.get(name);
  if (!render) {
    const template = engine.compile(source(), { noEscape: !escape, strict: false });
    render = (data) => template(data);
    cache.set(name, render);
  }
  return render;
}

const readTemplate = (file: string) => readFileSync(path.join(TEMPLATES_DIR, file), 'utf8');

let reminderLines: Record<string, string> | undefined;

/** The one line for a reminder, from templates/reminder-lines.json: "<rule>:<audience>" if present, else "<rule>". */
export function renderReminderLine(rule: string, audience: string, facts: object): string {
  reminderLines ??= JSON.parse(readTemplate('reminder-lines.json')) as Record<string, string>;
  const key = reminderLines[`${rule}:${audience}`] !== undefined ? `${rule}:${audience}` : rule;
  const source = reminderLines[key];
  if (source === undefined) throw new Error(`No reminder line for rule ${rule} in templates/reminder-lines.json`);
  return compiled(`line:${key}`, () => source, false)(facts).trim();
}

let reminderSubjects: Record<string, string> | undefined;

/**
 * The subject line for a reminder's email, from templates/reminder-subjects.json ("<rule>:<audience>" if present,
 * else "<rule>"): what kind of deadline, never a name or a circumstance, since subjects show in inbox lists and
 * notifications on locked phones (DOMAIN.md, Words).
 */
export function renderReminderSubject(rule: string, audience: string): string {
  reminderSubjects ??= JSON.parse(readTemplate('reminder-subjects.json')) as Record<string, string>;
  const subject = reminderSubjects[`${rule}:${audience}`] ?? reminderSubjects[rule];
  if (subject === undefined) throw new Error(`No subject for rule ${rule} in templates/reminder-subjects.json`);
  return subject;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Renders templates/<name>.subject.hbs, .text.hbs and .html.hbs with the same data. */
export function renderEmail(name: 'immediate-reminder' | 'daily-digest' | 'password-reset' | 'account-created', data: object): RenderedEmail {
  return {
    subject: compiled(`${name}.subject`, () => readTemplate(`${name}.subject.hbs`), false)(data).replace(/\s+/g, ' ').trim(),
    text: compiled(`${name}.text`, () => readTemplate(`${name}.text.hbs`), false)(data),
    html: compiled(`${name}.html`, () => readTemplate(`${name}.html.hbs`), true)(data),
  };
}
