import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/lib/embedded-database.js';

/**
 * Starts one real database for the whole run (FerretDB here, mongod where present), or uses TEST_MONGODB_URI
 * to run the suite against a real MongoDB. Every test file then works in a database of its own.
 */
let database: EmbeddedDatabase | undefined;

export async function setup(project: TestProject): Promise<void> {
  const external = process.env.TEST_MONGODB_URI;
  if (external) {
    project.provide('mongoUri', external);
    project.provide('databaseKind', 'external');
    return;
  }
  database = await startEmbeddedDatabase({ log: (message) => console.log(`[test database] ${message}`) });
  console.log(`[test database] ${database.kind} at ${database.uri}`);
  project.provide('mongoUri', database.uri);
  project.provide('databaseKind', database.kind);
}

export async function teardown(): Promise<void> {
  await database?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    databaseKind: string;
  }
}
