/**
 * The schema rules against the validator conformance corpus (`../shared/conformance/validator/`,
 * whose file names are the verdicts) and against the definitions AWS ran in the execution corpus.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SCHEMA_RULES } from '../../server/src/service/rules/schema';
import { lint } from './helpers';

const CONFORMANCE = join(__dirname, '..', '..', '..', 'shared', 'conformance');
const SCHEMA_CODES = new Set<string>(SCHEMA_RULES.flatMap((rule) => rule.codes));

/**
 * Verdicts of the corpus that AWS's documentation contradicts. `Credentials` holds the role to
 * assume, `RoleArn` or `RoleArn.$`, and nothing else (Task state, "Credentials"); the corpus calls
 * an object of arbitrary fields valid.
 */
const DISPUTED = new Set(['valid-task-credentials.json']);

/** The invalid files whose defect is one the schema rules own. */
const DECIDED_BY_SCHEMA_RULES = [
  'invalid-cfn-definition-substitutions.json',
  'invalid-error-equals-type.json',
  'invalid-error-equals.json',
  'invalid-exercise-ajv-additional-properties.asl.json',
  'invalid-fail-dupe-cause.json',
  'invalid-fail-dupe-error.json',
  'invalid-map-distributed.asl.json',
  'invalid-map-item-batcher-dupe-subfields.json',
  'invalid-map-missing-iterator.json',
  'invalid-map-tolerated-value.json',
  'invalid-map-tolerated.json',
  'invalid-parallel-branch-type.json',
  'invalid-parallel-missing-branches.json',
  'invalid-task-alias-function.json',
  'invalid-task-credentials-null.json',
  'invalid-task-credentials-object.json',
  'invalid-task-heartbeat.json',
  'invalid-task-timout.json',
  'invalid-wait-duration.json',
];

function schemaErrors(text: string): string[] {
  return lint(text)
    .filter((d) => SCHEMA_CODES.has(d.code) && d.severity === 'error')
    .map((d) => `${d.code}: ${d.message}`);
}

describe('schema rules on the validator conformance corpus', () => {
  const directory = join(CONFORMANCE, 'validator');
  const files = readdirSync(directory).filter((file) => file.endsWith('.json'));

  it('finds the corpus', () => {
    assert.ok(existsSync(directory), directory);
    assert.equal(files.length, 112);
  });

  it('reports no error on a valid definition', () => {
    const wrong: string[] = [];
    for (const file of files.filter((name) => name.startsWith('valid-') && !DISPUTED.has(name))) {
      const errors = schemaErrors(readFileSync(join(directory, file), 'utf8'));
      if (errors.length > 0) wrong.push(`${file}: ${errors.join(' | ')}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('finds the defect of each invalid definition it owns', () => {
    const missed = DECIDED_BY_SCHEMA_RULES.filter((file) => schemaErrors(readFileSync(join(directory, file), 'utf8')).length === 0);
    assert.deepEqual(missed, []);
  });

  it('reports the disputed verdicts for the documented reason', () => {
    const errors = schemaErrors(readFileSync(join(directory, 'valid-task-credentials.json'), 'utf8'));
    assert.ok(errors.length > 0);
    assert.ok(errors.every((error) => error.includes('`Credentials`')), errors.join('\n'));
  });
});

describe('schema rules on the definitions AWS ran', () => {
  it('report no error on any of them', () => {
    const directory = join(CONFORMANCE, 'execution', 'cases');
    const wrong: string[] = [];
    let count = 0;
    for (const file of readdirSync(directory).filter((name) => name.endsWith('.json'))) {
      const { definition } = JSON.parse(readFileSync(join(directory, file), 'utf8')) as { definition: object };
      count++;
      const errors = schemaErrors(JSON.stringify(definition, null, 2));
      if (errors.length > 0) wrong.push(`${file}: ${errors.join(' | ')}`);
    }
    assert.ok(count > 900, `${count} cases`);
    assert.deepEqual(wrong, []);
  });
});
