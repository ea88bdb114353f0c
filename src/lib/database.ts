import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import type { Config } from '../config.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';
import { claimSingleInstanceLease, type SingleInstanceLease } from './single-instance-lease.js';
import { stampWritesForTheService } from './write-stamps.js';

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
  /** True when the server is FerretDB: one connection, one instance (see connectDatabase). */
  ferretdb: boolean;
  close(): Promise<void>;
}

/** Resolves where the database is (MONGODB_URI, else embedded), connects, and creates indexes. */
export interface OpenOptions {
  /** Runs when another process took over this FerretDB database's single-instance lease: stop the service. */
  onLeaseLost?: () => void;
  /**
   * A one-off operator tool (create-admin, import, run-job): on FerretDB it still uses one connection but does
   * not take the single-instance lease, so it can run beside the service. It is one more writer for those
   * minutes: run large imports through the API while the service is up.
   */
  operatorTool?: boolean;
}

export async function openDatabase(config: Config, log: (message: string) => void = () => {}, options: OpenOptions = {}): Promise<DatabaseHandle> {
  const embedded = config.MONGODB_URI ? undefined : await startEmbeddedDatabase({ dataDir: config.EMBEDDED_DB_DIR, ...(config.FERRETDB_BIN ? { ferretdbBin: config.FERRETDB_BIN } : {}), log });
  const uri = config.MONGODB_URI ?? embedded!.uri;
  let ferretdb = false;
  try {
    ({ ferretdb } = await connectDatabase(uri, config.MONGODB_DB_NAME, { ...databaseTimeouts(config), log, singleInstance: !options.operatorTool, ...(options.onLeaseLost ? { onLeaseLost: options.onLeaseLost } : {}) }));
    await ensureIndexes();
    // The service on FerretDB answers some lists from memory: it looks again when a stamp says a tool wrote.
    if (options.operatorTool) stampWritesForTheService();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    kind: embedded?.kind ?? 'external',
    dbName: config.MONGODB_DB_NAME,
    ferretdb,
    close: async () => {
      await disconnectDatabase();
      await embedded?.stop();
    },
  };
}

export interface ConnectOptions {
  serverSelectionTimeoutMS?: number;
  socketTimeoutMS?: number;
  log?: (message: string) => void;
  /** On FerretDB, take the single-instance lease (default); false only for operator tools (see OpenOptions). */
  singleInstance?: boolean;
  /** Runs when another process took this FerretDB database's single-instance lease (this one should stop). */
  onLeaseLost?: () => void;
}

export const databaseTimeouts = (config: Pick<Config, 'MONGODB_SERVER_SELECTION_TIMEOUT_MS' | 'MONGODB_SOCKET_TIMEOUT_MS'>) => ({
  serverSelectionTimeoutMS: config.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
  socketTimeoutMS: config.MONGODB_SOCKET_TIMEOUT_MS,
});

const POOL_SIZE_MONGODB = 20;
let lease: SingleInstanceLease | undefined;
let connectedToFerretDb = false;

/** FerretDB names itself in buildInfo (ferretdbVersion, ferretdbFeatures); MongoDB never does. */
export async function isFerretDb(uri: string, serverSelectionTimeoutMS = 5_000): Promise<boolean> {
  const probe = new MongoClient(uri, { serverSelectionTimeoutMS, maxPoolSize: 1 });
  try {
    const buildInfo = await probe.db('admin').command({ buildInfo: 1 });
    return Object.keys(buildInfo).some((key) => key.toLowerCase().includes('ferretdb'));
  } finally {
    await probe.close().catch(() => {});
  }
}

/**
 * Connects mongoose (the service, scripts and tests all come through here).
 *
 * On FerretDB, whatever the uri (embedded or MONGODB_URI): ONE connection, and one process per database.
 * FerretDB v1 rewrites a whole document on every update outside any lock, so two concurrent writes to one
 * document lose one of them (measured with the driver alone: 20 of 20 rounds lost with the default pool, 0 of
 * 20 with one connection). With one connection the server runs this process's commands one at a time, so each
 * update, and each conditional findOneAndUpdate, is applied whole before the next starts; the single-instance
 * lease refuses a second process. On MongoDB: a pool, and several instances are fine.
 */
export async function connectDatabase(uri: string, dbName: string, options: ConnectOptions = {}): Promise<{ ferretdb: boolean }> {
  const serverSelectionTimeoutMS = options.serverSelectionTimeoutMS ?? 5_000;
  const ferretdb = await isFerretDb(uri, serverSelectionTimeoutMS);
  connectedToFerretDb = ferretdb;
  if (ferretdb) options.log?.('FerretDB detected: using one database connection and one instance, because FerretDB v1 loses concurrent writes to one document; run several instances on MongoDB');
  // mongoose waits this long for a lost connection before failing a call (503): no longer than finding a server.
  mongoose.set('bufferTimeoutMS', serverSelectionTimeoutMS);
  await mongoose.connect(uri, {
    dbName,
    serverSelectionTimeoutMS,
    socketTimeoutMS: options.socketTimeoutMS ?? 30_000,
    maxPoolSize: ferretdb ? 1 : POOL_SIZE_MONGODB,
  });
  if (ferretdb && options.singleInstance !== false) {
    try {
      lease = await claimSingleInstanceLease(mongoose.connection.db!, dbName, options.onLeaseLost ?? (() => {}));
    } catch (error) {
      await mongoose.disconnect();
      throw error;
    }
  }
  return { ferretdb };
}

/**
 * Whether this process is connected to FerretDB: one instance (the lease), and every query but one by `_id`
 * decodes the whole collection, so what this process holds in memory is both complete and cheaper to ask.
 */
export function isConnectedToFerretDb(): boolean {
  return connectedToFerretDb;
}

export async function disconnectDatabase(): Promise<void> {
  await lease?.release();
  lease = undefined;
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
