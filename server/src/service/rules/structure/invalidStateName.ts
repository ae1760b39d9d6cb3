import { spanOf, type Rule } from '../../rule';

/** The States Language limit on a state name, in Unicode characters (code points). */
export const MAX_STATE_NAME_LENGTH = 80;

/** C0 and C1 control characters, which the Step Functions API rejects in state names. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/u;

/**
 * `invalid-state-name`: AWS rejects a state name that is empty, longer than 80 characters, or that
 * holds a control character. Spaces and punctuation are allowed in state names (unlike in state
 * machine names), so they are not reported.
 */
export const invalidStateNameRule: Rule = {
  name: 'invalid-state-name',
  codes: ['invalid-state-name'],
  checkState(state, { report }) {
    const { name } = state;
    const length = [...name].length;
    if (length === 0) {
      report('invalid-state-name', {
        ...spanOf(state.nameNode),
        message: 'A state name cannot be empty.',
        data: { name, reason: 'empty' },
      });
    } else if (length > MAX_STATE_NAME_LENGTH) {
      report('invalid-state-name', {
        ...spanOf(state.nameNode),
        message: `The state name is ${length} characters long; AWS allows at most ${MAX_STATE_NAME_LENGTH}.`,
        data: { name, reason: 'too-long', length, maxLength: MAX_STATE_NAME_LENGTH },
      });
    }
    const control = CONTROL_CHARACTER.exec(name);
    if (control) {
      const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      report('invalid-state-name', {
        ...spanOf(state.nameNode),
        message: `The state name contains the control character U+${code}; AWS rejects control characters in state names.`,
        data: { name, reason: 'control-character', character: `U+${code}` },
      });
    }
  },
};
