/**
 * The matching engine's indexes, held in memory per process and kept fresh off the request path:
 * open opportunities (matchWithIndex) and open young people's records (candidatesWithIndex), each
 * over a LiveRecords copy. An index is rebuilt in the background shortly after changes; until then a
 * query asks the index for a few more results and re-scores the records changed since it was built
 * with the reference functions, so every answer equals the reference on the current records.
 * Until everything is loaded, `matchesFor`/`candidatesFor` return null and the caller reads the database.
 * Neither index holds a date: closing dates and ages are decided per query, from `today`.
 */
import mongoose from 'mongoose';
import { DistrictModel } from '../districts/districts.model.js';
import type { Logger } from '../lib/logger.js';
import type { LocalDate } from '../lib/dates.js';
import type { OpportunityRecord } from '../opportunities/opportunities.model.js';
import type { YoungPersonRecord } from '../young-people/young-people.model.js';
import { OpportunityModel } from '../opportunities/opportunities.model.js';
import { YoungPersonModel } from '../young-people/young-people.model.js';
import { LiveRecords } from './live-records.js';
import { matchOpportunitiesForYoungPerson, rankCandidatesForOpportunity } from './matching.js';
import { loadGeography, toMatchableOpportunity, toMatchableYoungPerson } from './matching-records.js';
import type { DistrictGeography, MatchList, MatchableOpportunity, MatchableYoungPerson } from './matching.types.js';
import { buildOpportunityIndex, matchWithIndex, type OpportunityIndex } from './opportunity-index.js';
import { compareRanked } from './ordering.js';
import { buildYoungPersonIndex, candidatesWithIndex, type YoungPersonIndex } from './young-person-index.js';
import { onCollectionChanged } from '../lib/collection-changes.js';

const REBUILD_DELAY_MS = 250;

export interface OpportunityEntry {
  record: OpportunityRecord;
  matchable: MatchableOpportunity;
}
export interface YoungPersonEntry {
  record: YoungPersonRecord;
  matchable: MatchableYoungPerson;
}

/** An index over a LiveRecords copy, rebuilt in the background after changes. */
class BackgroundIndex<Entry, Index> {
  index: Index | null = null;
  builtAt = -1;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly records: LiveRecords<Entry>,
    private readonly build: (entries: Entry[]) => Index,
    private readonly onError: (error: unknown) => void,
  ) {
    records.onChange(() => this.schedule());
  }

  /** Usable: built since the last full load (later changes are re-scored apart). */
  get usable(): boolean {
    return this.records.ready && this.index !== null && this.builtAt >= this.records.fullLoadSequence;
  }

  schedule(delayMs = REBUILD_DELAY_MS): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.rebuild();
    }, delayMs);
    this.timer.unref();
  }

  rebuild(): void {
    if (!this.records.ready) return;
    try {
      const sequence = this.records.sequence;
      this.index = this.build([...this.records.entries.values()]);
      this.builtAt = sequence;
      this.records.forgetChangesUpTo(sequence);
    } catch (error) {
      this.onError(error);
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/**
 * The index's answer for everything but `changed`, merged with the reference's answer for the
 * changed records as they are now. Asking the index for `limit + changed.size` leaves at least
 * `limit` results once the changed ones are dropped, so the merge is exact.
 */
function withChanges(limit: number, changed: Set<string>, idOf: (result: MatchList['matches'][number]) => string, fromIndex: (limit: number) => MatchList, fromChanged: () => MatchList): MatchList {
  if (changed.size === 0) return fromIndex(limit);
  const indexed = fromIndex(limit + changed.size);
  const fresh = fromChanged();
  const merge = (a: MatchList['matches'], b: MatchList['matches']) => [...a.filter((result) => !changed.has(idOf(result))), ...b].sort(compareRanked).slice(0, limit);
  return { matches: merge(indexed.matches, fresh.matches), nearMisses: merge(indexed.nearMisses, fresh.nearMisses) };
}

export class LiveMatching {
  readonly opportunities: LiveRecords<OpportunityEntry>;
  readonly youngPeople: LiveRecords<YoungPersonEntry>;
  private readonly opportunityIndex: BackgroundIndex<OpportunityEntry, OpportunityIndex>;
  private readonly youngPersonIndex: BackgroundIndex<YoungPersonEntry, YoungPersonIndex>;
  private geography: DistrictGeography | null = null;
  private geographyFresh = false;
  private geographySignature = '';
  private refreshTimer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private readonly stopWatchingDistricts: () => void;

  constructor(private readonly logger: Logger, private readonly refreshSeconds: number) {
    const onError = (error: unknown, doing = 'rebuilding an index') => logger.error({ err: error }, `matching index: ${doing} failed; reading the database meanwhile`);
    this.opportunities = new LiveRecords<OpportunityEntry>({
      collection: 'opportunities',
      model: OpportunityModel,
      // Open with a place left: neither depends on the day (closing dates are checked per query).
      loadFilter: { status: 'open' },
      keeps: (record) => record.status === 'open' && (record.placesFilled as number) < (record.places as number),
      projection: {} as Record<string, 1>,
      toEntry: (record) => ({ record: record as unknown as OpportunityRecord, matchable: toMatchableOpportunity(record as unknown as OpportunityRecord) }),
      onError,
    });
    this.youngPeople = new LiveRecords<YoungPersonEntry>({
      collection: 'young_people',
      model: YoungPersonModel,
      loadFilter: { archivedAt: null },
      keeps: (record) => record.archivedAt === null || record.archivedAt === undefined,
      projection: { careHistoryNotes: 0 } as unknown as Record<string, 1>,
      toEntry: (record) => ({ record: record as unknown as YoungPersonRecord, matchable: toMatchableYoungPerson(record as unknown as YoungPersonRecord) }),
      onError,
    });
    const geographyNow = () => this.geography!;
    this.opportunityIndex = new BackgroundIndex(this.opportunities, (entries) => buildOpportunityIndex(entries.map((entry) => entry.matchable), geographyNow()), onError);
    this.youngPersonIndex = new BackgroundIndex(this.youngPeople, (entries) => buildYoungPersonIndex(entries.map((entry) => entry.matchable), geographyNow()), onError);
    // A district added or moved changes distances: reload the geography and rebuild both indexes.
    this.stopWatchingDistricts = onCollectionChanged('districts', () => {
      this.geographyFresh = false;
      void this.reloadGeography();
    });
  }

  /** Loads everything in the background and starts the refresh interval; requests read the database meanwhile. */
  start(): void {
    this.inFlight = (async () => {
      try {
        await this.reloadGeography();
        await this.opportunities.load();
        this.opportunityIndex.rebuild();
        await this.youngPeople.load();
        this.youngPersonIndex.rebuild();
        this.logger.info({ opportunities: this.opportunities.entries.size, youngPeople: this.youngPeople.entries.size }, 'matching indexes ready');
      } catch (error) {
        this.logger.error({ err: error }, 'matching indexes: first load failed; reading the database until the next refresh');
      } finally {
        this.inFlight = null;
      }
    })();
    if (this.refreshSeconds > 0) {
      this.refreshTimer = setInterval(() => {
        // One look at a time: a slow database must not pile refreshes up behind each other.
        if (this.inFlight) return;
        this.inFlight = this.refresh().finally(() => (this.inFlight = null));
      }, this.refreshSeconds * 1000);
      this.refreshTimer.unref();
    }
  }

  /** Other processes' writes: a "changed since" query per collection (a full load if the first one failed). */
  async refresh(): Promise<void> {
    try {
      // Districts are few (hundreds): read them all, as every request used to; rebuild only if they moved.
      await this.reloadGeography();
      for (const records of [this.opportunities, this.youngPeople]) {
        if (records.sequence > 0) await records.refreshSince();
        else await records.load();
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'matching indexes: refresh failed; trying again at the next interval');
    }
  }

  stop(): void {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.opportunityIndex.stop();
    this.youngPersonIndex.stop();
    this.opportunities.stop();
    this.youngPeople.stop();
    this.stopWatchingDistricts();
  }

  private async reloadGeography(): Promise<void> {
    const districts = await DistrictModel.find({}, { latitude: 1, longitude: 1 }).lean();
    const signature = districts.map((d) => `${String(d._id)}:${d.latitude}:${d.longitude}`).sort().join(',');
    if (this.geography && signature === this.geographySignature) {
      this.geographyFresh = true;
      return;
    }
    const { geography } = await loadGeography();
    this.geography = geography;
    this.geographySignature = signature;
    this.geographyFresh = true;
    this.opportunityIndex.rebuild();
    this.youngPersonIndex.rebuild();
  }

  /** Same as matchOpportunitiesForYoungPerson over the open opportunities now; null until ready. */
  matchesFor(youngPerson: MatchableYoungPerson, today: LocalDate, limit: number): { ranked: MatchList; opportunities: Map<string, OpportunityEntry> } | null {
    const { index, builtAt } = this.opportunityIndex;
    if (!this.geographyFresh || !this.opportunityIndex.usable || !index) return null;
    const entries = this.opportunities.entries;
    const changed = this.opportunities.changedSince(builtAt);
    const ranked = withChanges(
      limit,
      changed,
      (result) => result.opportunityId,
      (asked) => matchWithIndex(index, youngPerson, today, { limit: asked }),
      () => matchOpportunitiesForYoungPerson(youngPerson, [...changed].flatMap((id) => (entries.has(id) ? [entries.get(id)!.matchable] : [])), this.geography!, today, { limit }),
    );
    return { ranked, opportunities: entries };
  }

  /**
   * Same as rankCandidatesForOpportunity over the open young people in `inScope` now; null until
   * ready. Everyone (an admin): the index. A team: the reference over the team's records.
   */
  candidatesFor(opportunity: MatchableOpportunity, everyone: boolean, inScope: (record: YoungPersonRecord) => boolean, today: LocalDate, limit: number): { ranked: MatchList; youngPeople: Map<string, YoungPersonEntry> } | null {
    const { index, builtAt } = this.youngPersonIndex;
    if (!this.geographyFresh || !this.youngPersonIndex.usable || !index) return null;
    const entries = this.youngPeople.entries;
    if (!everyone) {
      const people: MatchableYoungPerson[] = [];
      for (const entry of entries.values()) if (inScope(entry.record)) people.push(entry.matchable);
      return { ranked: rankCandidatesForOpportunity(opportunity, people, this.geography!, today, { limit }), youngPeople: entries };
    }
    const changed = this.youngPeople.changedSince(builtAt);
    const ranked = withChanges(
      limit,
      changed,
      (result) => result.youngPersonId,
      (asked) => candidatesWithIndex(index, opportunity, today, { limit: asked }),
      () => rankCandidatesForOpportunity(opportunity, [...changed].flatMap((id) => (entries.has(id) ? [entries.get(id)!.matchable] : [])), this.geography!, today, { limit }),
    );
    return { ranked, youngPeople: entries };
  }
}

/** How often the indexes look for other processes' writes when MATCHING_INDEX_REFRESH_SECONDS is unset (see config). */
export const MONGODB_MATCHING_REFRESH_SECONDS = 30;
export const FERRETDB_MATCHING_REFRESH_SECONDS = 600;

let live: LiveMatching | null = null;

/** Starts this process's matching indexes once (createApp calls it); later calls return the same. */
export function startLiveMatching(logger: Logger, refreshSeconds: number): LiveMatching {
  if (!live) {
    live = new LiveMatching(logger, refreshSeconds);
    live.start();
    // What it holds belongs to this connection's database: a reconnection (to another one, in tests) starts afresh.
    mongoose.connection.once('close', stopLiveMatching);
  }
  return live;
}

export function liveMatching(): LiveMatching | null {
  return live;
}

export function stopLiveMatching(): void {
  live?.stop();
  live = null;
}
