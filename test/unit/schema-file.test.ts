import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import {
  ASL_SCHEMA,
  JSONATA_PATTERN,
  fieldInfo,
  fieldsOf,
  isJsonataExpression,
  resolveSchema,
  stateSchema,
  stateTypeDescription,
  type AslObjectKind,
  type JsonSchema,
} from '../../server/src/asl/schema';
import { STATE_TYPES } from '../../server/src/asl/model';

/** Every object schema of the ASL schema that lists named fields, with where it sits. */
function objectSchemas(): { where: string; schema: JsonSchema }[] {
  const found: { where: string; schema: JsonSchema }[] = [];
  const visit = (schema: JsonSchema, where: string) => {
    if (schema.properties) found.push({ where, schema });
    for (const [name, field] of Object.entries(schema.properties ?? {})) visit(field, `${where}.${name}`);
    if (schema.items) visit(schema.items, `${where}[]`);
    if (schema.then) visit(schema.then, `${where}(then)`);
  };
  visit(ASL_SCHEMA, '(root)');
  for (const [name, definition] of Object.entries(ASL_SCHEMA.definitions ?? {})) visit(definition, name);
  return found;
}

describe('the ASL schema file', () => {
  it('gives every field a description', () => {
    const missing: string[] = [];
    for (const { where, schema } of objectSchemas()) {
      for (const [name, field] of Object.entries(schema.properties ?? {})) {
        if (!resolveSchema(field).description?.trim()) missing.push(`${where}.${name}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('names every object that has fields, for messages', () => {
    const untitled = objectSchemas()
      .filter(({ schema }) => schema.type === 'object' && !schema.title)
      .map(({ where }) => where);
    assert.deepEqual(untitled, []);
  });

  it('uses one pattern only, the JSONata expression', () => {
    const patterns = new Set<string>();
    const visit = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          if (key === 'pattern') patterns.add(inner as string);
          else visit(inner);
        }
      }
    };
    visit(ASL_SCHEMA);
    assert.deepEqual([...patterns], [JSONATA_PATTERN]);
    assert.ok(isJsonataExpression('{% $states.input.n %}'));
    assert.ok(isJsonataExpression('{%\n  1 + 1\n%}'));
    assert.ok(!isJsonataExpression('$states.input.n'));
    assert.ok(!isJsonataExpression('{% 1 + 1'));
  });

  it('annotates only fields that exist', () => {
    const wrong: string[] = [];
    for (const { where, schema } of objectSchemas()) {
      const groups = [...(schema['x-mutually-exclusive'] ?? []), ...(schema['x-one-required'] ?? [])];
      for (const field of groups.flat()) if (!schema.properties?.[field]) wrong.push(`${where}: ${field}`);
      for (const [name, field] of Object.entries(schema.properties ?? {})) {
        const replacement = resolveSchema(field)['x-replaced-by'];
        if (replacement && !schema.properties?.[replacement]) wrong.push(`${where}.${name} -> ${replacement}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('uses only known keywords (a misspelt keyword would silently check nothing)', () => {
    const ajv = new Ajv({ strictSchema: true, strictTypes: false, strictRequired: false });
    ajv.addVocabulary(['x-query-language', 'x-replaced-by', 'x-mutually-exclusive', 'x-one-required']);
    assert.doesNotThrow(() => ajv.compile(ASL_SCHEMA));
  });
});

describe('schema lookups', () => {
  it('lists the fields of each state type, with both query languages marked', () => {
    const task = fieldsOf('Task');
    const names = task.map((field) => field.name);
    for (const name of ['Resource', 'Parameters', 'Arguments', 'Credentials', 'TimeoutSeconds', 'HeartbeatSecondsPath', 'Retry', 'Catch']) {
      assert.ok(names.includes(name), name);
    }
    assert.equal(fieldInfo('Task', 'Resource')?.required, true);
    assert.equal(fieldInfo('Task', 'Parameters')?.queryLanguage, 'JSONPath');
    assert.equal(fieldInfo('Task', 'Arguments')?.queryLanguage, 'JSONata');
    assert.equal(fieldInfo('Task', 'Assign')?.queryLanguage, undefined);
    assert.match(fieldInfo('Task', 'TimeoutSeconds')!.description, /States\.Timeout/);
    assert.equal(fieldInfo('Map', 'Iterator')?.replacedBy, 'ItemProcessor');
    assert.equal(fieldInfo('Map', 'Parameters')?.replacedBy, 'ItemSelector');
    assert.deepEqual(fieldsOf('Succeed').map((field) => field.name), ['Type', 'Comment', 'QueryLanguage', 'InputPath', 'OutputPath', 'Output']);
  });

  it('describes every state type and every kind of object', () => {
    for (const type of STATE_TYPES) {
      assert.ok(stateTypeDescription(type).length > 20, type);
      assert.equal(stateSchema(type)?.title, `a ${type} state`);
    }
    assert.equal(stateSchema('Taks'), undefined);
    const kinds: AslObjectKind[] = ['StateMachine', 'Branch', 'ItemProcessor', 'ProcessorConfig', 'Retrier', 'Catcher', 'ItemReader', 'ItemBatcher', 'ResultWriter', 'Credentials'];
    for (const kind of kinds) assert.ok(fieldsOf(kind).every((field) => field.description.length > 0), kind);
    assert.deepEqual(fieldsOf('StateMachine').map((field) => field.name).sort(), ['Comment', 'QueryLanguage', 'StartAt', 'States', 'TimeoutSeconds', 'Version']);
    assert.deepEqual(fieldsOf('Retrier').map((field) => field.name).sort(), ['BackoffRate', 'Comment', 'ErrorEquals', 'IntervalSeconds', 'JitterStrategy', 'MaxAttempts', 'MaxDelaySeconds']);
    assert.deepEqual(fieldsOf('Catcher').map((field) => field.name).sort(), ['Assign', 'Comment', 'ErrorEquals', 'Next', 'Output', 'ResultPath']);
    assert.deepEqual(fieldsOf('ProcessorConfig').map((field) => field.name), ['Mode', 'ExecutionType']);
  });
});
