/**
 * The validator conformance corpus: every `valid-*` file must lint without an error-severity
 * diagnostic and every `invalid-*` file with at least one, except where `validatorExceptions.ts`
 * says otherwise and why. Files are linted through the language service, as the editor and the CLI
 * do. Skipped, with a visible reason, when the corpus is not beside the repository.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { getLanguageService } from '../../server/src/service/languageService';
import { VALIDATOR_EXCEPTIONS, VALIDATOR_OPEN_GAPS } from './validatorExceptions';

const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'conformance', 'validator');
const corpusPresent = fs.existsSync(CORPUS);

interface Verdict {
  file: string;
  expectValid: boolean;
  errors: Diagnostic[];
  agrees: boolean;
}

function lintCorpusFile(file: string): Verdict {
  const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
  const service = getLanguageService({ log: () => undefined });
  const document = TextDocument.create(`file:///corpus/${file}`, 'asl', 1, text);
  const errors = service.doValidation(document).filter((d) => d.severity === DiagnosticSeverity.Error);
  const expectValid = file.startsWith('valid-');
  return { file, expectValid, errors, agrees: expectValid ? errors.length === 0 : errors.length > 0 };
}

function describeErrors(verdict: Verdict): string {
  if (verdict.errors.length === 0) return 'no error';
  return verdict.errors.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}: ${d.message}`).join('\n    ');
}

describe('validator conformance corpus', () => {
  if (!corpusPresent) {
    it('needs ../shared/conformance/validator/ beside the repository', { skip: `corpus not found at ${CORPUS}` }, () => undefined);
    return;
  }

  const files = fs.readdirSync(CORPUS).filter((name) => /^(valid|invalid)-.*\.json$/.test(name)).sort();
  const openGapsFixed: string[] = [];
  const disagreements: string[] = [];

  it('holds the corpus and lists only existing files as exceptions', () => {
    assert.ok(files.length >= 100, `${files.length} files`);
    for (const listed of [...Object.keys(VALIDATOR_EXCEPTIONS), ...Object.keys(VALIDATOR_OPEN_GAPS)]) {
      assert.ok(files.includes(listed), `${listed} is listed but not in the corpus`);
    }
    for (const listed of Object.keys(VALIDATOR_EXCEPTIONS)) {
      assert.ok(!(listed in VALIDATOR_OPEN_GAPS), `${listed} is both an exception and an open gap`);
    }
  });

  for (const file of files) {
    const exception = VALIDATOR_EXCEPTIONS[file];
    const gap = VALIDATOR_OPEN_GAPS[file];
    it(`${file} is ${file.startsWith('valid-') ? 'valid' : 'invalid'}${exception ? ' (exception)' : gap ? ' (open gap)' : ''}`, () => {
      const verdict = lintCorpusFile(file);
      if (!verdict.agrees) disagreements.push(`${file}: ${describeErrors(verdict)}`);
      if (exception) {
        assert.ok(!verdict.agrees, `${file} now agrees with its name: remove it from VALIDATOR_EXCEPTIONS (reason was: ${exception})`);
      } else if (gap) {
        if (verdict.agrees) openGapsFixed.push(file);
      } else {
        assert.ok(
          verdict.agrees,
          verdict.expectValid
            ? `${file} should have no error but got:\n    ${describeErrors(verdict)}`
            : `${file} should have at least one error but got none`,
        );
      }
    });
  }

  after(() => {
    const lines: string[] = [];
    if (disagreements.length > 0) {
      lines.push(`validator corpus: ${disagreements.length} disagreement(s) with the file names:`);
      for (const line of disagreements) {
        const file = line.slice(0, line.indexOf(':'));
        const why = VALIDATOR_EXCEPTIONS[file] ? `exception: ${VALIDATOR_EXCEPTIONS[file]}` : VALIDATOR_OPEN_GAPS[file] ? `open gap: ${VALIDATOR_OPEN_GAPS[file]}` : 'not listed';
        lines.push(`  ${line}\n    (${why})`);
      }
    }
    if (openGapsFixed.length > 0) {
      lines.push(`validator corpus: these open gaps now agree; remove them from VALIDATOR_OPEN_GAPS: ${openGapsFixed.join(', ')}`);
    }
    if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
  });
});
