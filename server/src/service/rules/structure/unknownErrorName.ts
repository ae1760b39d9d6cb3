import { STATES_ERROR_NAMES, isReservedErrorName, statesError } from '../../../asl/errors';
import { hasSubstitution } from '../../../asl/graph-analysis';
import { spanOf, type Rule } from '../../rule';
import { closest, didYouMean } from '../../suggest';
import { errorEqualsElements, handlerLists } from './errorHandlers';

/**
 * `unknown-error-name`: the `States.` prefix is reserved for the errors Step Functions defines, so
 * a `States.*` name AWS does not define can never match (and is usually a typo). Other names are
 * errors raised by tasks or Fail states, and always allowed.
 */
export const unknownErrorNameRule: Rule = {
  name: 'unknown-error-name',
  codes: ['unknown-error-name'],
  checkState(state, { report }) {
    for (const { handlers } of handlerLists(state)) {
      for (const handler of handlers) {
        for (const element of errorEqualsElements(handler)) {
          if (element.type !== 'string') continue;
          const name = element.value as string;
          if (!isReservedErrorName(name) || statesError(name) || hasSubstitution(name)) continue;
          const suggestions = closest(name, STATES_ERROR_NAMES);
          report('unknown-error-name', {
            ...spanOf(element),
            message: `\`${name}\` is not an error Step Functions defines, so it never matches; names starting with \`States.\` are reserved${suggestions.length > 0 ? didYouMean(suggestions) : '.'}`,
            data: { name, suggestions },
          });
        }
      }
    }
  },
};
