import mongoose from 'mongoose';
import type { Config } from '../config.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';

/**
 * The one owner of the mongoose connection. Models register on mongoose's default connection;
 * indexes are declared on the schemas and created by `ensureIndexes` at start-up (autoIndex is off so
 * a request never waits on an index build).
 */
mongoose.set('autoIndex', false);
mongoose.set('strictQuery', true);

export interface DatabaseHandle {
  kind: 'external' | EmbeddedDatabase['kind'];
  dbName: string;
  close(): Promise<void>;
}

/** Resolves where the database is (MONGODB_URI, else embedded), connects, and creates indexes. */
export async function openDatabase(config: Config, log: (message: string) => void = () => {}): Promise<DatabaseHandle> {
  const embedded = config.MONGODB_URI ? undefined : await startEmbeddedDatabase({ dataDir: config.EMBEDDED_DB_DIR, ...(config.FERRETDB_BIN ? { ferretdbBin: config.FERRETDB_BIN } : {}), log });
  const uri = config.MONGODB_URI ?? embedded!.uri;
  try {
    await connectDatabase(uri, config.MONGODB_DB_NAME);
    await ensureIndexes();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    kind: embedded?.kind ?? 'external',
    dbName: config.MONGODB_DB_NAME,
    close: async () => {
      await disconnectDatabase();
      await embedded?.stop();
    },
  };
}

export async function connectDatabase(uri: string, dbName: string): Promise<void> {
  await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: 10_000, maxPoolSize: 20 });
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

/** Creates the indexes every registered model declares. Call after all models are imported (createApp does). */
export async function ensureIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.connection.models)) {
    await model.createIndexes();
  }
}

export async function isDatabaseReachable(): Promise<boolean> {
  if (mongoose.connection.readyState !== 1 || !mongoose.connection.db) return false;
  try {
    await mongoose.connection.db.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}
