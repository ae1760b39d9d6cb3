/**
 * The expression rules against the validator conformance corpus (`../shared/conformance/validator/`,
 * whose file names are the verdicts), against the definitions AWS accepted and ran in the execution
 * corpus, and against a large generated definition for speed.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAsl } from '../../server/src/asl/parse';
import { EXPRESSIONS_RULES } from '../../server/src/service/rules/expressions';
import { validate } from '../../server/src/service/validation';
import { lint } from './helpers';

const CONFORMANCE = join(__dirname, '..', '..', '..', 'shared', 'conformance');
const EXPRESSION_CODES = new Set<string>(EXPRESSIONS_RULES.flatMap((rule) => rule.codes));

/**
 * Verdicts of the corpus that AWS contradicts. Step Functions reads a string as JSONata when it
 * starts with `{%` and ends with `%}`; JSONata allows any whitespace, or none, inside. AWS's own
 * console starter workflows write `"{%$states.context.Execution.Input.TaskToken %}"`, and a line
 * break inside the delimiters is whitespace like any other. The corpus requires exactly one space
 * after `{%` and before `%}`.
 */
const DISPUTED = new Set(['invalid-jsonata-surround-syntax-no-spaces.json', 'invalid-json-surround-syntax-extra-spaces.json']);

/** The invalid files whose defect is one the expression rules own, with the code that finds it. */
const DECIDED_BY_EXPRESSION_RULES: Record<string, string> = {
  'invalid-assign.asl.json': 'invalid-jsonata',
  'invalid-choice-state-variable.json': 'invalid-path',
  'invalid-dupe-fields.asl.json': 'duplicate-key',
  'invalid-duplicate-fields.json': 'duplicate-key',
  'invalid-duplicate-fields-nested.json': 'duplicate-key',
  'invalid-exercise-ajv.asl.json': 'invalid-path',
  'invalid-json-path.json': 'invalid-path',
  'invalid-jsonata-fields.json': 'query-language-field',
  'invalid-jsonata-path-fields.asl.json': 'query-language-field',
  'invalid-jsonata-surround-syntax-no-close.json': 'invalid-jsonata',
  'invalid-jsonata-surround-syntax-no-open.json': 'invalid-jsonata',
  'invalid-jsonata-syntax-arithmetic.json': 'invalid-jsonata',
  'invalid-jsonata-syntax-jsonpath-in-jsonata-surround.json': 'invalid-jsonata',
  'invalid-jsonata-syntax-mismatched-parens.json': 'invalid-jsonata',
  'invalid-math-add.json': 'invalid-intrinsic',
  'invalid-payload-template.asl.json': 'no-path',
  'invalid-variable-result-path.json': 'invalid-reference-path',
};

function expressionErrors(text: string): { code: string; message: string }[] {
  return lint(text).filter((d) => EXPRESSION_CODES.has(d.code) && d.severity === 'error');
}

describe('expression rules on the validator conformance corpus', () => {
  const directory = join(CONFORMANCE, 'validator');

  it('finds the corpus', () => {
    assert.ok(existsSync(directory), directory);
  });

  it('reports no error on a valid definition', () => {
    const wrong: string[] = [];
    for (const file of readdirSync(directory).filter((name) => name.startsWith('valid-') && name.endsWith('.json'))) {
      const errors = expressionErrors(readFileSync(join(directory, file), 'utf8'));
      if (errors.length > 0) wrong.push(`${file}: ${errors.map((e) => `${e.code}: ${e.message}`).join(' | ')}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('finds the defect of each invalid definition it owns, with the expected code', () => {
    const missed: string[] = [];
    for (const [file, code] of Object.entries(DECIDED_BY_EXPRESSION_RULES)) {
      const codes = expressionErrors(readFileSync(join(directory, file), 'utf8')).map((e) => e.code);
      if (!codes.includes(code)) missed.push(`${file}: expected ${code}, got ${codes.join(', ') || 'nothing'}`);
    }
    assert.deepEqual(missed, []);
  });

  it('accepts the disputed JSONata delimiters', () => {
    for (const file of DISPUTED) assert.deepEqual(expressionErrors(readFileSync(join(directory, file), 'utf8')), [], file);
  });
});

describe('expression rules on definitions AWS ran', () => {
  const directory = join(CONFORMANCE, 'execution', 'cases');

  it('report no error on any of them', { skip: !existsSync(directory) }, () => {
    const wrong: string[] = [];
    for (const file of readdirSync(directory).filter((name) => name.endsWith('.json'))) {
      const definition = (JSON.parse(readFileSync(join(directory, file), 'utf8')) as { definition: unknown }).definition;
      const errors = expressionErrors(JSON.stringify(definition, null, 2));
      if (errors.length > 0) wrong.push(`${file}: ${errors.map((e) => `${e.code}: ${e.message}`).join(' | ')}`);
    }
    assert.deepEqual(wrong, []);
  });
});

describe('expression rules on a large definition', () => {
  it('check 8,500 states with payload templates, intrinsics and JSONata in linear time', () => {
    const states: Record<string, object> = {};
    const count = 8500;
    for (let i = 0; i < count; i++) {
      const next = i + 1 < count ? { Next: `S${i + 1}` } : { End: true };
      states[`S${i}`] =
        i % 2 === 0
          ? {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: {
                'FunctionName.$': '$.fn',
                'Payload.$': `States.Format('{}-{}', $.items[${i % 7}].id, $counter)`,
                Nested: { 'Value.$': '$.items[?(@.price < 10)]', Static: 'x' },
              },
              ResultSelector: { 'Body.$': '$.Payload.body' },
              ResultPath: `$.results.r${i % 11}`,
              Assign: { counter: i },
              ...next,
            }
          : {
              Type: 'Pass',
              QueryLanguage: 'JSONata',
              Output: { total: '{% $sum($states.input.items.price) + $counter %}', name: `{% $states.input.name & '${i % 13}' %}` },
              ...next,
            };
    }
    const text = JSON.stringify({ StartAt: 'S0', States: states });
    const doc = parseAsl(text);
    const started = performance.now();
    const diagnostics = validate(doc, {}, EXPRESSIONS_RULES);
    const elapsed = performance.now() - started;
    assert.deepEqual(diagnostics.filter((d) => d.code !== 'undefined-variable'), []);
    // `$counter` is first assigned by S0, so S0 alone reads it before any assignment.
    assert.deepEqual(diagnostics.map((d) => text.slice(d.offset, d.offset + d.length)), ['$counter']);
    // Tens of milliseconds on an idle machine; the bound is loose enough for a busy one and still
    // fails on any work that grows with the square of the number of states or templates.
    assert.ok(elapsed < 10_000, `took ${Math.round(elapsed)} ms`);
  });
});
