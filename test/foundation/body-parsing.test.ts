import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toProblem } from '../../src/lib/errors.js';
import { givenUser, TEST_PASSWORD, type GivenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let adviser: GivenUser;

beforeAll(async () => {
  app = await startTestApp({ config: { JSON_BODY_LIMIT: '2kb' } });
  adviser = await givenUser(app, 'personal_adviser');
});
afterAll(async () => app.close());

interface RawResponse {
  status: number;
  contentType: string;
  text: string;
  body: Record<string, unknown>;
}

/** Bytes sent exactly as given (supertest re-encodes a Buffer sent as JSON). */
async function rawLogin(body: Buffer | string, headers: Record<string, string>): Promise<RawResponse> {
  const response = await fetch(`${app.server.url}/api/auth/login`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
const json = () => JSON.stringify({ email: adviser.email, password: TEST_PASSWORD });

function expectProblem(response: RawResponse, status: number) {
  expect(response.status).toBe(status);
  expect(response.contentType).toMatch(/application\/problem\+json/);
  expect(response.body).toMatchObject({ status, requestId: expect.any(String) });
  expect(response.text).not.toMatch(/at .+\.js:\d+|zlib|Z_DATA_ERROR/i);
}

describe('a request body the server cannot read is the client\'s mistake, never a 500', () => {
  for (const encoding of ['gzip', 'br', 'deflate']) {
    it(`when a JSON body claims content-encoding ${encoding} but is not compressed, then 400 as a problem`, async () => {
      const response = await rawLogin(json(), { 'content-type': 'application/json', 'content-encoding': encoding });
      expectProblem(response, 400);
      expect(response.body.code).toBe('unreadable_body');
    });
  }

  it('when a JSON body is really compressed with gzip, deflate or br, then it is read as usual', async () => {
    for (const [encoding, body] of [['gzip', gzipSync(json())], ['deflate', deflateSync(json())], ['br', brotliCompressSync(json())]] as const) {
      const response = await rawLogin(body, { 'content-type': 'application/json', 'content-encoding': encoding });
      expect(response.status, encoding).toBe(200);
    }
  });

  it('when the content-encoding is one the server does not know, then 415', async () => {
    const response = await rawLogin(json(), { 'content-type': 'application/json', 'content-encoding': 'compress' });
    expectProblem(response, 415);
    expect(response.body.code).toBe('unsupported_encoding');
  });

  it('when the charset is not supported, then 415', async () => {
    const response = await rawLogin(json(), { 'content-type': 'application/json; charset=iso-8859-1' });
    expectProblem(response, 415);
    expect(response.body.code).toBe('unsupported_charset');
  });

  it('when the body is larger than the limit, compressed or not, then 413', async () => {
    const large = JSON.stringify({ email: adviser.email, password: 'x'.repeat(5_000) });
    expectProblem(await rawLogin(large, { 'content-type': 'application/json' }), 413);
    expectProblem(await rawLogin(gzipSync(large), { 'content-type': 'application/json', 'content-encoding': 'gzip' }), 413);
  });

  it('when the JSON is malformed, then 400 malformed_json', async () => {
    const response = await rawLogin('{"email": ', { 'content-type': 'application/json' });
    expectProblem(response, 400);
    expect(response.body.code).toBe('malformed_json');
  });

  it('when body-parser raises any client error, then it counts as expected (logged at info, not as an error)', async () => {
    const corrupt = Object.assign(new Error('incorrect header check'), { status: 400, statusCode: 400, expose: true, code: 'Z_DATA_ERROR' });
    expect(toProblem(corrupt)).toMatchObject({ expected: true, problem: { status: 400 } });
    expect(toProblem(new Error('a bug'))).toMatchObject({ expected: false, problem: { status: 500 } });
  });
});
