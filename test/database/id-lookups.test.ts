import { randomBytes } from 'node:crypto';
import { MongoClient, ObjectId, type Collection } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * Reads, updates and deletes by _id must use the _id index, whatever the collection's size. FerretDB v1 on SQLite
 * did not (its lookup spelled the _id path differently from its index, so every one scanned the table);
 * scripts/build-ferretdb.sh patches that. Timed against the same operations on a small collection in the same run:
 * with a scan, 20,000 documents cost 10 to 50 times 100; with the index, about the same.
 */
let client: MongoClient;
let dbName: string;

beforeAll(async () => {
  client = await new MongoClient(inject('mongoUri'), { maxPoolSize: 1 }).connect();
  dbName = `t_ids_${randomBytes(5).toString('hex')}`;
});
afterAll(async () => {
  await client?.db(dbName).dropDatabase().catch(() => undefined);
  await client?.close();
});

async function collectionOf(size: number): Promise<{ collection: Collection; ids: ObjectId[] }> {
  const collection = client.db(dbName).collection(`people_${size}`);
  const ids: ObjectId[] = [];
  for (let start = 0; start < size; start += 1_000) {
    const documents = Array.from({ length: Math.min(1_000, size - start) }, (_, i) => ({ _id: new ObjectId(), position: start + i, padding: 'x'.repeat(600) }));
    ids.push(...documents.map((document) => document._id));
    await collection.insertMany(documents);
  }
  return { collection, ids };
}

/** Median milliseconds of `count` calls, each on another document spread through the collection. */
async function medianMs(count: number, ids: ObjectId[], call: (id: ObjectId, i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = ids[Math.floor(((i + 0.5) / count) * ids.length)]!;
    const started = performance.now();
    await call(id, i);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(count / 2)]!;
}

describe('reading and writing one document by _id', () => {
  it('when the collection grows from 100 to 20,000 documents, then a read, an update and a delete by _id cost about the same, and do what they say', async () => {
    const small = await collectionOf(100);
    const large = await collectionOf(20_000);
    const costs = async ({ collection, ids }: { collection: Collection; ids: ObjectId[] }) => ({
      read: await medianMs(9, ids, (id) => collection.findOne({ _id: id })),
      update: await medianMs(9, ids, (id, i) => collection.updateOne({ _id: id }, { $set: { touched: i } })),
      remove: await medianMs(9, ids.slice(3), (id) => collection.deleteOne({ _id: id })), // others than those updated
    });
    const [smallCosts, largeCosts] = [await costs(small), await costs(large)];
    const ratios = { read: largeCosts.read / smallCosts.read, update: largeCosts.update / smallCosts.update, remove: largeCosts.remove / smallCosts.remove };
    // Generous against a busy machine; with the index about 1x, with a scan per call 5-25x at 8,000 here.
    expect(ratios.update, JSON.stringify({ smallCosts, largeCosts })).toBeLessThan(4);
    expect(ratios.remove, JSON.stringify({ smallCosts, largeCosts })).toBeLessThan(4);
    expect(ratios.read, JSON.stringify({ smallCosts, largeCosts })).toBeLessThan(4);

    const touched = large.ids[Math.floor((0.5 / 9) * large.ids.length)]!;
    expect(await large.collection.findOne({ _id: touched })).toMatchObject({ touched: 0 });
    expect(await large.collection.countDocuments({ touched: { $exists: true } })).toBe(9);
    expect(await large.collection.countDocuments()).toBe(20_000 - 9);
  }, 120_000);
});
