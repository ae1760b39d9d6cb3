import { getPropertyValue } from '../../../asl/jsonNode';
import { spanOf, type Rule } from '../../rule';
import { errorEqualsElements, handlerLists } from './errorHandlers';

const ALL = 'States.ALL';

/**
 * `states-all-position`: `States.ALL` matches every error, so it must be alone in its `ErrorEquals`
 * and in the last retrier or catcher; AWS rejects the definition otherwise.
 */
export const statesAllPositionRule: Rule = {
  name: 'states-all-position',
  codes: ['states-all-position'],
  checkState(state, { report }) {
    for (const { field, handlers } of handlerLists(state)) {
      const kind = field === 'Retry' ? 'retrier' : 'catcher';
      handlers.forEach((handler, index) => {
        const elements = errorEqualsElements(handler);
        const all = elements.find((element) => element.value === ALL);
        if (!all) return;
        const alone = elements.length === 1;
        const last = index === handlers.length - 1;
        if (alone && last) return;
        const problems: string[] = [];
        if (!alone) problems.push(`alone in \`ErrorEquals\` (it already matches every error)`);
        if (!last) problems.push(`in the last ${kind} (the ${kind}s after it could never match)`);
        const later = handlers.slice(index + 1).filter((node) => node.type === 'object');
        report('states-all-position', {
          ...spanOf(all),
          message: `\`${ALL}\` must be ${problems.join(' and ')}.`,
          data: { field, index, alone, last },
          related: later.map((node) => ({
            ...spanOf(getPropertyValue(node, 'ErrorEquals') ?? node),
            message: `This ${kind} comes after the one with \`${ALL}\`.`,
          })),
        });
      });
    }
  },
};
