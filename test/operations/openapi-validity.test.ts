/**
 * The published document checked as a generated client would read it: valid OpenAPI 3.1 (the official
 * JSON Schema, via @seriousme/openapi-schema-validator), and every example valid against its own schema
 * (ajv, JSON Schema 2020-12, the dialect OpenAPI 3.1 uses), so an id a client sends is an id the document allows.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let document: Record<string, unknown>;

beforeAll(async () => {
  app = await startTestApp();
  document = (await app.http().get('/openapi.json')).body;
});
afterAll(async () => app.close());

type Json = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every example in the document with the JSON pointer of the schema it must satisfy. */
function examplesIn(node: unknown, pointer = ''): { schemaAt: string; value: unknown; at: string }[] {
  if (node === null || typeof node !== 'object') return [];
  const found: { schemaAt: string; value: unknown; at: string }[] = [];
  const object = node as Json;
  const isSchema = 'type' in object || 'pattern' in object || '$ref' in object || 'anyOf' in object || 'oneOf' in object || 'enum' in object;
  // A schema's own example(s); a parameter's or media type's example(s) belong to its `schema`.
  const schemaAt = 'schema' in object ? `${pointer}/schema` : isSchema ? pointer : null;
  if (schemaAt !== null) {
    if ('example' in object) found.push({ schemaAt, value: object.example, at: `${pointer}/example` });
    if (Array.isArray(object.examples)) object.examples.forEach((value, i) => found.push({ schemaAt, value, at: `${pointer}/examples/${i}` }));
    else if (object.examples && typeof object.examples === 'object') {
      for (const [name, example] of Object.entries(object.examples as Json)) found.push({ schemaAt, value: (example as Json).value, at: `${pointer}/examples/${escape(name)}` });
    }
  }
  for (const [key, child] of Object.entries(object)) {
    if (key === 'example' || key === 'examples') continue;
    found.push(...examplesIn(child, `${pointer}/${escape(key)}`));
  }
  return found;
}

/** The examples that do not satisfy their schema, as "pointer: message". */
function invalidExamples(openApi: Json): string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const base = 'https://care-leaver-offers.test/openapi.json';
  ajv.addSchema({ ...openApi, $id: base });
  return examplesIn(openApi).flatMap(({ schemaAt, value, at }) => {
    const validate = ajv.compile({ $ref: `${base}#${schemaAt}` });
    return validate(value) ? [] : [`${at}: ${ajv.errorsText(validate.errors)}`];
  });
}

async function openApiErrors(openApi: Json): Promise<unknown> {
  const result = await new Validator().validate(structuredClone(openApi));
  return result.valid ? [] : result.errors;
}

describe('the published OpenAPI document, as a generated client reads it', () => {
  it('when validated against the OpenAPI 3.1 schema, then it is valid', async () => {
    expect(await openApiErrors(document)).toEqual([]);
  });

  it('when a required part is removed, then the validator reports it (the check can fail)', async () => {
    const { info: _info, ...withoutInfo } = document;
    expect(await openApiErrors(withoutInfo)).not.toEqual([]);
  });

  it('when each example is checked against its schema, then all are valid, and record ids have one', () => {
    expect(examplesIn(document).filter(({ at }) => at.includes('/parameters/')).length).toBeGreaterThan(0);
    expect(invalidExamples(document)).toEqual([]);
  });

  it('when an example breaks its schema, then it is reported (the check can fail)', () => {
    const broken = structuredClone(document) as { paths: Record<string, Record<string, { parameters: { schema: Json }[] }>> };
    broken.paths['/young-people/{id}']!.get!.parameters[0]!.schema.example = 'not-a-record-id';
    expect(invalidExamples(broken as unknown as Json)).toEqual([expect.stringContaining('/paths/~1young-people~1{id}/get/parameters/0/schema/example')]);
  });

  it('when an id is written in capitals (MongoDB accepts either case), then the document pattern and the API both accept it', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const schema = (document as { paths: Record<string, Record<string, { parameters: { name: string; schema: { pattern: string } }[] }>> }).paths['/young-people/{id}']!.get!.parameters.find((p) => p.name === 'id')!.schema;
    const pattern = new RegExp(schema.pattern, 'u'); // as JSON Schema reads it: no flags
    expect(pattern.test('65F1C0FFEE0000000000A001')).toBe(true);
    expect(pattern.test('65f1c0ffee0000000000a001')).toBe(true);
    expect(pattern.test('65f1c0ffee0000000000a00')).toBe(false);
    const response = await app.http().get('/young-people/65F1C0FFEE0000000000A001').set('authorization', adviser.auth);
    expect(response.status).toBe(404);
  });
});

describe('where validation errors are reported', () => {
  it('when a query has an unknown parameter, then 400 reports it at the parameter name, not "(body)"', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const response = await app.http().get('/young-people?limit=5&favouriteColour=blue').set('authorization', adviser.auth);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
    expect(response.body.errors).toEqual([{ path: 'favouriteColour', message: 'Unknown query parameter: favouriteColour' }]);
  });

  it('when a query parameter has a bad value, then 400 names that parameter', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const response = await app.http().get('/young-people?limit=many').set('authorization', adviser.auth);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'limit' })]);
  });

  it('when a body has two unknown fields, then each is reported at its own path', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const response = await app.http().patch('/young-people/65f1c0ffee0000000000a001').set('authorization', adviser.auth).send({ colour: 'blue', pet: 'cat' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: 'colour', message: 'Unknown field: colour' },
      { path: 'pet', message: 'Unknown field: pet' },
    ]);
  });
});
