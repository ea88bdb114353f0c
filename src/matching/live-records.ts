/**
 * One collection's records held in memory for the matching indexes, kept fresh without a request
 * paying for a reload:
 *   - loaded once in the background (until then `ready` is false and callers read the database);
 *   - this process's own writes applied before the write returns (collection-changes: the ids
 *     written are re-read by `_id`, the one read FerretDB answers quickly);
 *   - other processes' writes (another instance on MongoDB, an operator tool) picked up by a
 *     "changed since" query on `updatedAt` every refresh interval.
 * Nothing here depends on the date: the rules that do (closing dates, ages) are applied per query.
 * Hard deletes by another process are not seen until the next full load; only drafts are ever
 * deleted, and they are never held.
 */
import type { Model } from 'mongoose';
import { onCollectionChanged, type ChangedIds } from '../lib/collection-changes.js';
import { readById } from '../lib/read-by-id.js';
import { lastStampedWrite } from '../lib/write-stamps.js';

/** A write of more records than this (an import's batch) is re-read in one query rather than one read each. */
const READ_ONE_BY_ONE_UP_TO = 20;

/** Writers' clocks may differ a little: re-read anything changed this long before the last look. */
const CLOCK_SKEW_MS = 60_000;

export interface LiveRecordsOptions<Entry> {
  collection: string;
  model: Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- any model; entries are typed
  /** The records worth holding, as a filter for the full load and as the same test in code. */
  loadFilter: Record<string, unknown>;
  keeps: (record: Record<string, unknown>) => boolean;
  projection: Record<string, 1>;
  toEntry: (record: Record<string, unknown>) => Entry;
  onError: (error: unknown, doing: string) => void;
}

export class LiveRecords<Entry> {
  readonly entries = new Map<string, Entry>();
  /** Goes up with every change applied; `changedAt` says when each record last changed. */
  sequence = 0;
  /** The sequence of the last full load: an index built before it is out of date as a whole. */
  fullLoadSequence = 0;
  readonly changedAt = new Map<string, number>();
  private loaded = false;
  private failed = false;
  private pendingDuringLoad: Set<string> | 'everything' | null = null;
  /** Per record, the ticket of the latest read started, so an older read finishing late is dropped. */
  private readonly latestRead = new Map<string, number>();
  private ticket = 0;
  private lastLookStartedAt = 0;
  private readonly unsubscribe: () => void;
  private readonly listeners = new Set<() => void>();
  /** The latest operator tools' write stamp applied, and the look that applies one. */
  private stampSeen = 0;
  private catchingUp: Promise<void> | null = null;

  constructor(private readonly options: LiveRecordsOptions<Entry>) {
    this.unsubscribe = onCollectionChanged(options.collection, (ids) => this.applyOwnWrite(ids));
  }

  /** Loaded, and no change has failed to apply since (then callers read the database until a reload). */
  get ready(): boolean {
    return this.loaded && !this.failed;
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  stop(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  async load(): Promise<void> {
    this.pendingDuringLoad = new Set();
    const startedAt = Date.now();
    const startTicket = ++this.ticket;
    const { model, loadFilter, projection } = this.options;
    const records = (await model.find(loadFilter, projection).lean()) as Record<string, unknown>[];
    this.entries.clear();
    for (const record of records) {
      const id = String(record._id);
      if ((this.latestRead.get(id) ?? 0) > startTicket) continue; // re-read since: that read decides
      if (this.options.keeps(record)) this.entries.set(id, this.options.toEntry(record));
    }
    this.lastLookStartedAt = startedAt;
    const pending = this.pendingDuringLoad as Set<string> | 'everything' | null;
    this.pendingDuringLoad = null;
    this.loaded = true;
    this.failed = false;
    // Everything may have changed: no index built before this is usable any more.
    this.sequence += 1;
    this.fullLoadSequence = this.sequence;
    this.changedAt.clear();
    for (const listener of this.listeners) listener();
    if (pending === 'everything') await this.refreshSince();
    else if (pending?.size) await this.reread([...pending]);
  }

  /** Picks up writes by other processes: one query on `updatedAt`, re-reading nothing else. */
  async refreshSince(): Promise<void> {
    if (!this.loaded) return;
    const startedAt = Date.now();
    const startTicket = ++this.ticket;
    const since = new Date(Math.min(this.lastLookStartedAt, startedAt) - CLOCK_SKEW_MS);
    const records = (await this.options.model.find({ updatedAt: { $gte: since } }, this.options.projection).lean()) as Record<string, unknown>[];
    const ids: string[] = [];
    for (const record of records) {
      const id = String(record._id);
      if ((this.latestRead.get(id) ?? 0) > startTicket) continue;
      this.put(id, record);
      ids.push(id);
    }
    this.lastLookStartedAt = startedAt;
    this.failed = false;
    this.changed(ids);
  }

  /**
   * Applies what operator tools (other processes) wrote since the last look, if their stamp says they
   * wrote: one read of a tiny collection when they have not. For answers that must be as fresh as the
   * database on FerretDB, where this process is the only instance of the service.
   */
  async catchUpWithOperatorTools(): Promise<void> {
    const stamped = (await lastStampedWrite(this.options.collection))?.getTime() ?? 0;
    while (stamped > this.stampSeen) {
      // One look at a time; a look already under way may have started before the stamped write, so look again after it.
      this.catchingUp ??= this.refreshSince()
        .then(() => void (this.stampSeen = Math.max(this.stampSeen, stamped)))
        .finally(() => (this.catchingUp = null));
      await this.catchingUp;
    }
  }

  private async applyOwnWrite(ids: ChangedIds): Promise<void> {
    try {
      if (this.pendingDuringLoad !== null) {
        if (ids === null) this.pendingDuringLoad = 'everything';
        else if (this.pendingDuringLoad !== 'everything') for (const id of ids) this.pendingDuringLoad.add(id);
        return;
      }
      if (!this.loaded) return;
      if (ids === null) await this.refreshSince();
      else await this.reread(ids);
    } catch (error) {
      // The copy may now be behind the database: callers read the database until the next refresh.
      this.failed = true;
      this.options.onError(error, 'applying a write');
    }
  }

  private async reread(ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    const tickets = new Map(unique.map((id) => {
      const ticket = ++this.ticket;
      this.latestRead.set(id, ticket);
      return [id, ticket] as const;
    }));
    const apply = (id: string, record: Record<string, unknown> | null) => {
      if (this.latestRead.get(id) !== tickets.get(id)) return; // a later read of this record decides
      this.latestRead.delete(id);
      this.put(id, record);
    };
    if (unique.length > READ_ONE_BY_ONE_UP_TO) {
      // An import's batch: one query for all of them (on FerretDB every read scans, so one read per id would be quadratic).
      const records = (await this.options.model.find({ _id: { $in: unique } }, this.options.projection).lean()) as Record<string, unknown>[];
      const byId = new Map(records.map((record) => [String(record._id), record]));
      for (const id of unique) apply(id, byId.get(id) ?? null);
    } else {
      await Promise.all(unique.map(async (id) => apply(id, await readById<Record<string, unknown>>(this.options.model, id, {}, this.options.projection))));
    }
    this.changed(unique);
  }

  private put(id: string, record: Record<string, unknown> | null): void {
    if (record && this.options.keeps(record)) this.entries.set(id, this.options.toEntry(record));
    else this.entries.delete(id);
  }

  private changed(ids: string[]): void {
    if (ids.length === 0) return;
    this.sequence += 1;
    for (const id of ids) this.changedAt.set(id, this.sequence);
    for (const listener of this.listeners) listener();
  }

  /** Records changed after `sequence` (for results from an index built at `sequence`). */
  changedSince(sequence: number): Set<string> {
    const ids = new Set<string>();
    for (const [id, at] of this.changedAt) if (at > sequence) ids.add(id);
    return ids;
  }

  /** Forgets change marks up to `sequence` once no index older than it is in use. */
  forgetChangesUpTo(sequence: number): void {
    for (const [id, at] of this.changedAt) if (at <= sequence) this.changedAt.delete(id);
  }
}
