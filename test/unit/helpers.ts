/** Test helpers: lint a text through the whole validator and read problems back as text excerpts. */
import { parseAsl } from '../../server/src/asl/parse';
import type { RuleCode } from '../../server/src/service/ruleCodes';
import { validate, type RuleSeverities, type SeverityDiagnostic } from '../../server/src/service/validation';

export function lint(definition: string | object, rules?: RuleSeverities): SeverityDiagnostic[] {
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition, null, 2);
  return validate(parseAsl(text), { rules, log: () => undefined });
}

/** The problems of one code, each as the text it underlines and its message. */
export function problems(definition: string | object, code: RuleCode): { at: string; message: string; data?: unknown }[] {
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition, null, 2);
  return lint(text)
    .filter((d) => d.code === code)
    .map((d) => ({ at: text.slice(d.offset, d.offset + d.length), message: d.message, data: d.data }));
}

/** A one-state machine around `state`, named `S`. */
export function single(state: object, top: object = {}): object {
  return { StartAt: 'S', States: { S: state }, ...top };
}
