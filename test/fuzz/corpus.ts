/** The texts the fuzz tests mutate: the shared validator corpus when present, and our fixtures. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, fixtureNames } from '../fixtures/fixtures';

export const VALIDATOR_CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'conformance', 'validator');

export interface CorpusEntry {
  name: string;
  text: string;
}

export function fuzzCorpus(): CorpusEntry[] {
  const entries = fixtureNames().map((name) => ({ name: `fixtures/${name}`, text: fixture(name) }));
  if (fs.existsSync(VALIDATOR_CORPUS)) {
    for (const name of fs.readdirSync(VALIDATOR_CORPUS).filter((n) => n.endsWith('.json')).sort()) {
      entries.push({ name: `validator/${name}`, text: fs.readFileSync(path.join(VALIDATOR_CORPUS, name), 'utf8') });
    }
  }
  return entries;
}
