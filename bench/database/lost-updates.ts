/**
 * Lost updates on one document with the MongoDB driver alone: two concurrent $set of different fields, and
 * ten concurrent $inc, 20 rounds each, with the driver's default pool and with one connection (maxPoolSize 1).
 * Usage: npx tsx bench/database/lost-updates.ts [mongodb-uri]   (no uri: starts the embedded database)
 * Last line: JSON { defaultPool: { setLost, incLost }, singleConnection: { setLost, incLost } } out of 20 rounds.
 */
import { MongoClient, ObjectId } from 'mongodb';
import { startEmbeddedDatabase } from '../../src/lib/embedded-database.js';

const ROUNDS = 20;

async function measure(uri: string, maxPoolSize: number | undefined): Promise<{ setLost: number; incLost: number }> {
  const client = new MongoClient(uri, maxPoolSize ? { maxPoolSize } : {});
  const collection = client.db('bench_lost_updates').collection<{ _id: ObjectId; a?: number; b?: number; n?: number }>('docs');
  let setLost = 0;
  let incLost = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const _id = new ObjectId();
    await collection.insertOne({ _id, n: 0 });
    await Promise.all([collection.updateOne({ _id }, { $set: { a: 1 } }), collection.updateOne({ _id }, { $set: { b: 1 } })]);
    const afterSet = await collection.findOne({ _id });
    if (afterSet?.a !== 1 || afterSet?.b !== 1) setLost += 1;
    await Promise.all(Array.from({ length: 10 }, () => collection.updateOne({ _id }, { $inc: { n: 1 } })));
    const afterInc = await collection.findOne({ _id });
    if (afterInc?.n !== 10) incLost += 1;
  }
  await client.db('bench_lost_updates').dropDatabase();
  await client.close();
  return { setLost, incLost };
}

const embedded = process.argv[2] ? undefined : await startEmbeddedDatabase();
const uri = process.argv[2] ?? embedded!.uri;
const defaultPool = await measure(uri, undefined);
const singleConnection = await measure(uri, 1);
console.log(`database: ${embedded?.kind ?? 'external'}; lost out of ${ROUNDS} rounds`);
console.log(JSON.stringify({ rounds: ROUNDS, defaultPool, singleConnection }));
await embedded?.stop();
