/**
 * The rule pages that `--help`, SARIF's `helpUri` and each diagnostic's `codeDescription` point to:
 * the index in `docs/rules/README.md` is the rule table of `ruleCodes.ts`, and every code has a page
 * that states the same default severity. `UPDATE_RULES_INDEX=1` rewrites the index from the table.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULE_CODES, type RuleCode } from '../../server/src/service/ruleCodes';

const RULES_DIR = path.resolve(__dirname, '..', '..', 'docs', 'rules');
const INDEX = path.join(RULES_DIR, 'README.md');
const START = '<!-- rules-table:start -->';
const END = '<!-- rules-table:end -->';

function expectedTable(): string {
  const rows = (Object.keys(RULE_CODES) as RuleCode[]).map(
    (code) => `| [\`${code}\`](${code}.md) | ${RULE_CODES[code].severity} | ${RULE_CODES[code].summary.replace(/\|/g, '\\|')} |`,
  );
  return ['| Code | Default severity | What it reports |', '| --- | --- | --- |', ...rows].join('\n');
}

describe('rule documentation', () => {
  it('indexes every rule code with its default severity and summary', () => {
    const index = fs.readFileSync(INDEX, 'utf8');
    const start = index.indexOf(START);
    const end = index.indexOf(END);
    assert.ok(start >= 0 && end > start, `${INDEX} keeps the table between ${START} and ${END}`);
    const current = index.slice(start + START.length, end).trim();
    const expected = expectedTable();
    if (process.env.UPDATE_RULES_INDEX === '1' && current !== expected) {
      fs.writeFileSync(INDEX, `${index.slice(0, start + START.length)}\n${expected}\n${index.slice(end)}`);
      return;
    }
    assert.equal(current, expected, 'the index differs from ruleCodes.ts; rerun with UPDATE_RULES_INDEX=1 to regenerate it');
  });

  it('has a page for every code, stating the same default severity', () => {
    const missing: string[] = [];
    for (const code of Object.keys(RULE_CODES) as RuleCode[]) {
      const page = path.join(RULES_DIR, `${code}.md`);
      if (!fs.existsSync(page)) {
        missing.push(code);
        continue;
      }
      const text = fs.readFileSync(page, 'utf8');
      assert.ok(text.startsWith(`# \`${code}\``), `${code}.md starts with its code as title`);
      const severity = /\*\*Default severity:\*\* *([a-z]+)/.exec(text)?.[1];
      assert.equal(severity, RULE_CODES[code].severity, `${code}.md states the default severity of ruleCodes.ts`);
      assert.ok(text.includes(`"statecraft.rules": { "${code}": `), `${code}.md shows how to change its severity`);
    }
    assert.deepEqual(missing, [], 'codes without a page under docs/rules/');
  });

});
