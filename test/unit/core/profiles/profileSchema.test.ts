import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LASER_DEFAULTS, LENGTH_PENALTY_DEFAULTS } from '../../../../src/core/profiles/profileDefaults';
import { FIELDS_BY_KIND, LASER_FIELDS, LENGTH_PENALTY_FIELDS } from '../../../../src/core/profiles/profileFields';
import { LAUNCHERS, LENGTH_METHODS, PROFILE_KINDS } from '../../../../src/core/profiles/runProfile';

interface Schema {
  $schema: string;
  properties: Record<string, { enum?: string[]; default?: unknown; description?: string; properties?: Record<string, { default?: unknown; enum?: string[]; description?: string }> }>;
  allOf: { if: { properties: { kind?: { const: string } } }; then: { properties?: Record<string, boolean>; required?: string[] } }[];
  additionalProperties: boolean;
}

const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', '..', 'schemas', 'profile.schema.json'), 'utf8')) as Schema;

test('the schema is draft-07 and closed', () => {
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.additionalProperties, false);
});

test('every field has a description (editor hovers)', () => {
  for (const [name, p] of Object.entries(schema.properties)) {
    assert.ok(p.description, name);
    for (const [inner, q] of Object.entries(p.properties ?? {})) assert.ok(q.description, `${name}.${inner}`);
  }
});

test('kinds, launchers and length methods match the validator', () => {
  assert.deepEqual(schema.properties.kind!.enum, [...PROFILE_KINDS]);
  assert.deepEqual(schema.properties.launcher!.enum, [...LAUNCHERS]);
  assert.deepEqual(schema.properties.lengthPenalty!.properties!.method!.enum, [...LENGTH_METHODS]);
});

test('the schema allows, per kind, exactly the fields the validator allows', () => {
  const all = Object.keys(schema.properties);
  for (const kind of PROFILE_KINDS) {
    const rule = schema.allOf.find((r) => r.if.properties.kind?.const === kind);
    assert.ok(rule, kind);
    const forbidden = new Set(Object.entries(rule.then.properties ?? {}).filter(([, allowed]) => allowed === false).map(([name]) => name));
    assert.deepEqual(all.filter((f) => !forbidden.has(f)).sort(), [...FIELDS_BY_KIND[kind]].sort(), kind);
  }
});

test('the schema\'s defaults are the ones the command builder applies', () => {
  const laser = schema.properties.laser!.properties!;
  assert.deepEqual(Object.keys(laser), [...LASER_FIELDS]);
  assert.deepEqual(Object.fromEntries(Object.entries(laser).map(([k, v]) => [k, v.default])), LASER_DEFAULTS);
  const length = schema.properties.lengthPenalty!.properties!;
  assert.deepEqual(Object.keys(length), [...LENGTH_PENALTY_FIELDS]);
  const defaults = Object.fromEntries(Object.entries(length).filter(([, v]) => v.default !== undefined).map(([k, v]) => [k, v.default]));
  assert.deepEqual(defaults, LENGTH_PENALTY_DEFAULTS);
});
