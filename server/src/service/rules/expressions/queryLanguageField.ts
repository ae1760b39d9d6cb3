/**
 * `query-language-field`: a field of the other query language than the state's. After
 * `"QueryLanguage": "JSONata"`, a state has `Arguments` and `Output` instead of the five JSONPath
 * fields (`InputPath`, `Parameters`, `ResultSelector`, `ResultPath`, `OutputPath`), non-`Path`
 * versions of the `...Path` fields, and `Items` instead of `ItemsPath`; a JSONPath state has none
 * of the JSONata fields. (A `.$` key in a JSONata state is accepted, as an ordinary key: `no-dollar`
 * warns about it.) AWS also refuses a state that sets `"QueryLanguage":
 * "JSONPath"` in a state machine whose top-level `QueryLanguage` is `JSONata` (except, here, inside
 * a Distributed Map, whose iterations are child workflow executions).
 *
 * Nested states (Parallel branches, Map processors) take the state machine's query language, not the
 * enclosing state's; a state's own `QueryLanguage` overrides it. Choice rules (`Variable` against
 * `Condition`) are checked with the rest of the Choice rule by `choice-rule`.
 */
import { getProperty, getPropertyValue, properties } from '../../../asl/jsonNode';
import type { JsonNode, State } from '../../../asl/model';
import { spanOf, type Rule, type RuleContext } from '../../rule';
import { stateFacts } from '../../stateFacts';
import { arrayItems } from './sites';

/** JSONPath-only fields of a state, with the JSONata field that does their work. */
const JSONPATH_STATE_FIELDS: Readonly<Record<string, string>> = {
  InputPath: 'Arguments',
  Parameters: 'Arguments',
  ResultSelector: 'Output',
  ResultPath: 'Output',
  OutputPath: 'Output',
  Result: 'Output',
  ItemsPath: 'Items',
  TimeoutSecondsPath: 'TimeoutSeconds',
  HeartbeatSecondsPath: 'HeartbeatSeconds',
  SecondsPath: 'Seconds',
  TimestampPath: 'Timestamp',
  ErrorPath: 'Error',
  CausePath: 'Cause',
  MaxConcurrencyPath: 'MaxConcurrency',
  ToleratedFailurePercentagePath: 'ToleratedFailurePercentage',
  ToleratedFailureCountPath: 'ToleratedFailureCount',
};

/** JSONata-only fields of a state, with the JSONPath field that does their work. */
const JSONATA_STATE_FIELDS: Readonly<Record<string, string>> = {
  Arguments: 'Parameters',
  Output: 'OutputPath',
  Items: 'ItemsPath',
};

/** Fields of objects nested in a state: [container path, field, replacement]. */
const NESTED_JSONPATH_FIELDS: readonly [string[], string, string][] = [
  [['ItemReader'], 'Parameters', 'Arguments'],
  [['ResultWriter'], 'Parameters', 'Arguments'],
  [['ItemReader', 'ReaderConfig'], 'MaxItemsPath', 'MaxItems'],
  [['ItemBatcher'], 'MaxItemsPerBatchPath', 'MaxItemsPerBatch'],
  [['ItemBatcher'], 'MaxInputBytesPerBatchPath', 'MaxInputBytesPerBatch'],
];
const NESTED_JSONATA_FIELDS: readonly [string[], string, string][] = [
  [['ItemReader'], 'Arguments', 'Parameters'],
  [['ResultWriter'], 'Arguments', 'Parameters'],
];

export const queryLanguageFieldRule: Rule = {
  name: 'query-language-field',
  codes: ['query-language-field'],
  checkState(state, context) {
    if (state.node.type !== 'object') return;
    const { machineLanguage, inDistributedMap } = stateFacts(context.doc, state);
    const own = getPropertyValue(state.node, 'QueryLanguage');
    // Iterations of a Distributed Map run as child workflow executions of their own, so the
    // machine's top-level language is not enforced on them.
    if (machineLanguage === 'JSONata' && own?.type === 'string' && own.value === 'JSONPath' && !inDistributedMap) {
      context.report('query-language-field', {
        ...spanOf(own),
        message: `State \`${state.name}\` cannot use JSONPath: the state machine's top-level \`QueryLanguage\` is \`JSONata\`, which applies to every state. Remove this \`QueryLanguage\`, or set the top level to \`JSONPath\` and opt single states into JSONata.`,
        data: { field: 'QueryLanguage' },
      });
      return;
    }
    if (state.queryLanguage === 'JSONata') checkJsonataState(context, state);
    else checkJsonPathState(context, state);
  },
};

function languageOf(state: State): string {
  const own = getPropertyValue(state.node, 'QueryLanguage');
  return own ? state.queryLanguage : `${state.queryLanguage} (the state machine's \`QueryLanguage\`)`;
}

function checkJsonataState(context: RuleContext, state: State): void {
  const report = (key: JsonNode, field: string, replacement: string | undefined, where = '') => {
    const hint =
      field === 'InputPath'
        ? 'read the input as `$states.input` in `Arguments` or `Output` instead'
        : `use \`${replacement}\`${where} instead`;
    context.report('query-language-field', {
      ...spanOf(key),
      message: `\`${field}\` is a JSONPath field, but state \`${state.name}\` uses ${languageOf(state)}: ${hint}.`,
      data: { field, replacement, queryLanguage: 'JSONata' },
    });
  };
  for (const [field, , property] of properties(state.node)) {
    const replacement = JSONPATH_STATE_FIELDS[field];
    if (replacement) report(property.children![0], field, replacement);
  }
  for (const catcher of arrayItems(getPropertyValue(state.node, 'Catch'))) {
    const property = getProperty(catcher, 'ResultPath');
    if (property) report(property.children![0], 'ResultPath', 'Output', ' in the catcher');
  }
  for (const [containers, field, replacement] of NESTED_JSONPATH_FIELDS) {
    const property = getProperty(nested(state.node, containers), field);
    if (property) report(property.children![0], field, replacement, ` in \`${containers[containers.length - 1]}\``);
  }
}

function checkJsonPathState(context: RuleContext, state: State): void {
  const report = (key: JsonNode, field: string, replacement: string, where = '') => {
    context.report('query-language-field', {
      ...spanOf(key),
      message: `\`${field}\` is a JSONata field, but state \`${state.name}\` uses ${languageOf(state)}: use \`${replacement}\`${where}, or set \`"QueryLanguage": "JSONata"\` on the state.`,
      data: { field, replacement, queryLanguage: 'JSONPath' },
    });
  };
  for (const [field, , property] of properties(state.node)) {
    const replacement = JSONATA_STATE_FIELDS[field];
    if (replacement) report(property.children![0], field, replacement);
  }
  for (const catcher of arrayItems(getPropertyValue(state.node, 'Catch'))) {
    const property = getProperty(catcher, 'Output');
    if (property) report(property.children![0], 'Output', 'ResultPath', ' in the catcher');
  }
  for (const [containers, field, replacement] of NESTED_JSONATA_FIELDS) {
    const property = getProperty(nested(state.node, containers), field);
    if (property) report(property.children![0], field, replacement, ` in \`${containers[containers.length - 1]}\``);
  }
}

function nested(node: JsonNode, containers: readonly string[]): JsonNode | undefined {
  let current: JsonNode | undefined = node;
  for (const key of containers) current = getPropertyValue(current, key);
  return current;
}
