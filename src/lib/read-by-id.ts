/**
 * One record by `_id` alone, with the caller's scope checked in code.
 *
 * Why: FerretDB v1 on SQLite uses no index for any query, and a filter beyond `{_id}` is applied row by
 * row in Go after decoding every document (measured on 50,000 young people: 5.6 s for
 * `findOne({_id, personalAdviserId, archivedAt: null})`, about 16x less for `findById` + a check in code).
 * MongoDB answers both from the `_id` index, so nothing is lost there.
 *
 * The scope stays written once, as the MongoDB filter the list queries use; `matchesScope` applies the
 * same filter to the record in code, so a by-id read and a list can never disagree about who sees what.
 * An id that is not an ObjectId is simply not found (the callers answer 404 either way).
 */
import mongoose, { type Model } from 'mongoose';

export type ScopeFilter = Record<string, unknown>;

/** The record with this `_id` if it exists and `inScope` accepts it (a filter, or a predicate), else null. */
export async function readById<T extends object>(
  model: Model<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any model; the caller names T
  id: unknown,
  inScope: ScopeFilter | ((record: T) => boolean) | null = {},
  projection?: Record<string, 0 | 1>,
): Promise<T | null> {
  if (inScope === null || !isObjectId(id)) return null;
  const record = (await model.findById(id, projection).lean()) as T | null;
  if (!record) return null;
  const accepted = typeof inScope === 'function' ? inScope(record) : matchesScope(record, inScope);
  return accepted ? record : null;
}

function isObjectId(id: unknown): boolean {
  return id instanceof mongoose.Types.ObjectId || (typeof id === 'string' && mongoose.isValidObjectId(id) && /^[0-9a-fA-F]{24}$/.test(id));
}

/**
 * Whether a record passes a scope filter, with MongoDB's meaning for what scopes use: a field equal to a
 * value (ObjectIds and their hex strings alike; an array field holding it), `null` for missing or null,
 * `$in`, `$ne`, `$nin`, comparisons (`$gt`, `$gte`, `$lt`, `$lte`) within one type, and `$and`/`$or` of such. Any other operator throws: a scope must not be read
 * more loosely than the database would.
 */
export function matchesScope(record: object, filter: ScopeFilter): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$and') return (condition as ScopeFilter[]).every((part) => matchesScope(record, part));
    if (key === '$or') return (condition as ScopeFilter[]).some((part) => matchesScope(record, part));
    if (key.startsWith('$')) throw new Error(`matchesScope: unsupported operator ${key}`);
    return matchesCondition(valueAt(record, key), condition);
  });
}

function valueAt(record: object, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function isOperatorObject(condition: unknown): condition is Record<string, unknown> {
  return condition !== null && typeof condition === 'object' && !Array.isArray(condition) && !(condition instanceof Date) && !(condition instanceof mongoose.Types.ObjectId) && Object.keys(condition).length > 0 && Object.keys(condition).every((key) => key.startsWith('$'));
}

function matchesCondition(value: unknown, condition: unknown): boolean {
  if (!isOperatorObject(condition)) return equalsOrContains(value, condition);
  return Object.entries(condition).every(([operator, operand]) => {
    switch (operator) {
      case '$in':
        return (operand as unknown[]).some((candidate) => equalsOrContains(value, candidate));
      case '$nin':
        return !(operand as unknown[]).some((candidate) => equalsOrContains(value, candidate));
      case '$ne':
        return !equalsOrContains(value, operand);
      case '$eq':
        return equalsOrContains(value, operand);
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        return (Array.isArray(value) ? value : [value]).some((element) => inRange(operator, element, operand));
      default:
        throw new Error(`matchesScope: unsupported operator ${operator}`);
    }
  });
}

/** MongoDB's comparison within one type (strings, numbers, dates); values of different types never match. */
function inRange(operator: '$gt' | '$gte' | '$lt' | '$lte', value: unknown, bound: unknown): boolean {
  const comparable = (typeof value === 'string' && typeof bound === 'string') || (typeof value === 'number' && typeof bound === 'number') || (value instanceof Date && bound instanceof Date);
  if (!comparable) return false;
  const [a, b] = value instanceof Date ? [value.getTime(), (bound as Date).getTime()] : [value as string | number, bound as string | number];
  switch (operator) {
    case '$gt':
      return a > b;
    case '$gte':
      return a >= b;
    case '$lt':
      return a < b;
    case '$lte':
      return a <= b;
  }
}

/** MongoDB equality: null matches missing; an array field matches when any element does. */
function equalsOrContains(value: unknown, expected: unknown): boolean {
  if (expected === null || expected === undefined) return value === null || value === undefined;
  if (Array.isArray(value) && !Array.isArray(expected)) return value.some((element) => sameValue(element, expected));
  return sameValue(value, expected);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (a instanceof mongoose.Types.ObjectId || b instanceof mongoose.Types.ObjectId) return String(a) === String(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((element, i) => sameValue(element, b[i]));
  return a === b;
}
