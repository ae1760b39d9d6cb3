import { hasSubstitution } from '../../../asl/graph-analysis';
import { getPropertyValue, keyOf, properties } from '../../../asl/jsonNode';
import type { JsonNode } from '../../../asl/model';
import { spanOf, type Problem, type Rule } from '../../rule';
import { closest, didYouMean } from '../../suggest';
import {
  BOOLEAN_OPERATORS,
  COMPARISON_OPERATORS,
  JSONATA_RULE_FIELDS,
  isRfc3339Timestamp,
  type OperandKind,
} from './choiceOperators';

/** Fields of a JSONPath rule besides its operator. Nested rules take only `Variable` and `Comment`. */
const TOP_LEVEL_FIELDS = ['Variable', 'Next', 'Comment', 'Assign'];
const NESTED_FIELDS = ['Variable', 'Comment'];
const ONLY_TOP_LEVEL = new Set(['Next', 'Assign']);

const JSONPATH_RULE_KEYS = new Set([...COMPARISON_OPERATORS.keys(), ...BOOLEAN_OPERATORS, 'Variable']);

const EXAMPLE_OPERAND: Record<Exclude<OperandKind, 'path'>, string> = {
  string: '`"done"`',
  number: '`5`',
  boolean: '`true`',
  timestamp: '`"2016-08-18T17:33:00Z"`',
  test: '`true`',
};

type Report = (problem: Problem) => void;

/**
 * `choice-rule`: the rules of a Choice state. JSONPath rules (`Variable` + one comparison operator,
 * or `And`/`Or`/`Not` over nested rules): exactly one operator, an operand of the operator's type,
 * `Next` on the top-level rules and only there. JSONata rules: a `Condition` and a `Next`.
 * Unknown fields get a suggestion (`StringEqualz` → `StringEquals`).
 */
export const choiceRuleRule: Rule = {
  name: 'choice-rule',
  codes: ['choice-rule'],
  checkState(state, { report }) {
    if (state.type !== 'Choice') return;
    const reportRule: Report = (problem) => report('choice-rule', problem);
    // `Choices` itself (present, an array, not empty, of objects) is checked by the schema, which
    // does not look inside the rules.
    const choices = getPropertyValue(state.node, 'Choices');
    if (choices?.type !== 'array') return;
    const rules = (choices.children ?? []).filter((rule) => rule.type === 'object');
    for (const rule of rules) {
      if (state.queryLanguage === 'JSONata') checkJsonataRule(rule, reportRule);
      else checkJsonPathRules(rule, reportRule);
    }
  },
};

/** The key to underline when something is missing from a rule: its first key, or the whole rule. */
function anchor(rule: JsonNode): JsonNode {
  const first = rule.children?.[0]?.children?.[0];
  return first ?? rule;
}

function notAnObject(rule: JsonNode, report: Report): boolean {
  if (rule.type === 'object') return false;
  report({
    ...spanOf(rule),
    message: 'A nested Choice rule must be an object, e.g. `{ "Variable": "$.n", "NumericGreaterThan": 1 }`.',
    data: { reason: 'not-an-object' },
  });
  return true;
}

/** A top-level rule's `Next` must name a state; whether it exists is `unknown-state`'s to say. */
function checkNext(next: JsonNode, report: Report): void {
  const value = next.children?.[1];
  if (!value || value.type === 'string') return;
  report({
    ...spanOf(value),
    message: '`Next` must be the name of a state (a string).',
    data: { field: 'Next', reason: 'not-a-string' },
  });
}

function reportEnd(key: JsonNode, report: Report): void {
  report({
    ...spanOf(key),
    message: 'A Choice rule cannot end the execution: replace `End` with `Next` naming the state to go to (a Succeed state ends the execution).',
    data: { field: 'End', reason: 'end-in-rule' },
  });
}

/** A JSONPath rule and its nested rules, walked with an explicit stack. */
function checkJsonPathRules(topRule: JsonNode, report: Report): void {
  const pending: { rule: JsonNode; nested: boolean }[] = [{ rule: topRule, nested: false }];
  while (pending.length > 0) {
    const { rule, nested } = pending.pop()!;
    if (nested && notAnObject(rule, report)) continue;
    const fields = nested ? NESTED_FIELDS : TOP_LEVEL_FIELDS;
    const operators: JsonNode[] = [];
    let variable: JsonNode | undefined;
    let keyReported = false;
    let hasNext = false;
    const seen = new Set<string>();
    for (const [key, , property] of properties(rule)) {
      // A repeated key is `duplicate-key`'s; counting it again would report two operators.
      if (seen.has(key)) continue;
      seen.add(key);
      const keyNode = keyOf(property);
      if (COMPARISON_OPERATORS.has(key) || BOOLEAN_OPERATORS.includes(key)) {
        operators.push(property);
      } else if (key === 'Variable') {
        variable = property;
      } else if (key === 'Next' && !nested) {
        hasNext = true;
        checkNext(property, report);
      } else if (fields.includes(key)) {
        // `Comment`, and `Assign` on a top-level rule.
      } else if (nested && ONLY_TOP_LEVEL.has(key)) {
        keyReported = true;
        report({
          ...spanOf(keyNode),
          message:
            key === 'Next'
              ? 'A nested rule cannot have `Next`: only the top-level rule in `Choices` names the state to go to.'
              : 'A nested rule cannot have `Assign`: only the top-level rule in `Choices` assigns variables.',
          data: { field: key, reason: 'top-level-only' },
        });
      } else if (key === 'End' && !nested) {
        keyReported = true;
        hasNext = true; // The `End` report already says to use `Next`.
        reportEnd(keyNode, report);
      } else if (key === 'Condition') {
        keyReported = true;
        report({
          ...spanOf(keyNode),
          message:
            '`Condition` is a JSONata field, but this state uses JSONPath: compare `Variable` with an operator such as `StringEquals`, or set `"QueryLanguage": "JSONata"`.',
          data: { field: key, reason: 'jsonata-field' },
        });
      } else {
        keyReported = true;
        const suggestions = closest(key, [...COMPARISON_OPERATORS.keys(), ...BOOLEAN_OPERATORS, ...fields]);
        report({
          ...spanOf(keyNode),
          message: `\`${key}\` is not a field of a Choice rule${suggestions.length > 0 ? didYouMean(suggestions) : '.'}`,
          data: { field: key, suggestions },
        });
      }
    }

    if (operators.length === 0) {
      if (!keyReported) {
        report({
          ...spanOf(anchor(rule)),
          message:
            'This Choice rule has no comparison: give it `Variable` and an operator such as `StringEquals`, or combine rules with `And`, `Or` or `Not`.',
          data: { reason: 'no-operator' },
        });
      }
    } else if (operators.length > 1) {
      const names = operators.map((property) => keyOf(property).value as string);
      for (const extra of operators.slice(1)) {
        report({
          ...spanOf(keyOf(extra)),
          message: `A Choice rule takes exactly one operator, and this one already has \`${names[0]}\`: combine several tests with \`And\` or \`Or\`.`,
          data: { operators: names, reason: 'several-operators' },
          related: [{ ...spanOf(keyOf(operators[0])), message: `\`${names[0]}\` is the first operator of this rule.` }],
        });
      }
    } else {
      const operator = operators[0];
      const name = keyOf(operator).value as string;
      const operand = operator.children?.[1];
      const kind = COMPARISON_OPERATORS.get(name);
      if (kind) {
        if (!variable) {
          report({
            ...spanOf(keyOf(operator)),
            message: `\`${name}\` compares \`Variable\` with a value, but this rule has no \`Variable\`: add the path of the value to test, e.g. \`"Variable": "$.status"\`.`,
            data: { field: 'Variable', reason: 'missing' },
          });
        } else {
          checkVariable(variable, report);
        }
        if (operand) checkOperand(name, kind, operand, report);
      } else {
        if (variable) {
          report({
            ...spanOf(keyOf(variable)),
            message: `\`${name}\` combines nested rules and compares nothing itself: move \`Variable\` into the nested rules.`,
            data: { field: 'Variable', reason: 'variable-on-boolean' },
          });
        }
        if (operand) {
          // Reversed onto the stack, so that nested rules are checked in document order.
          const children = nestedRules(name, operand, report);
          for (let i = children.length - 1; i >= 0; i--) pending.push({ rule: children[i], nested: true });
        }
      }
    }

    if (!nested && !hasNext) {
      report({
        ...spanOf(anchor(rule)),
        message: 'This Choice rule has no `Next`: name the state to go to when it matches.',
        data: { field: 'Next', reason: 'missing' },
      });
    }
  }
}

function checkVariable(variable: JsonNode, report: Report): void {
  const value = variable.children?.[1];
  if (!value || value.type === 'string') return;
  report({
    ...spanOf(value),
    message: '`Variable` must be a path string to the value to test, e.g. `"$.status"`.',
    data: { field: 'Variable', reason: 'not-a-string' },
  });
}

/** The rules `And`/`Or` (a non-empty array) or `Not` (one rule) combine. */
function nestedRules(operator: string, operand: JsonNode, report: Report): JsonNode[] {
  if (operator === 'Not') {
    if (operand.type === 'object') return [operand];
    report({
      ...spanOf(operand),
      message: '`Not` takes one rule (an object), not a list.',
      data: { operator, reason: 'operand-type' },
    });
    return [];
  }
  if (operand.type === 'array' && (operand.children?.length ?? 0) > 0) return operand.children!;
  report({
    ...spanOf(operand),
    message: `\`${operator}\` takes a non-empty array of rules.`,
    data: { operator, reason: 'operand-type' },
  });
  return [];
}

function checkOperand(operator: string, kind: OperandKind, operand: JsonNode, report: Report): void {
  // A template substitution may become a value of any type before AWS sees the definition.
  if (operand.type === 'string' && hasSubstitution(operand.value as string)) return;
  const problem = operandProblem(operator, kind, operand);
  if (problem) {
    report({
      ...spanOf(operand),
      message: problem,
      data: { operator, expected: kind, reason: 'operand-type' },
    });
  }
}

function operandProblem(operator: string, kind: OperandKind, operand: JsonNode): string | undefined {
  const text = operand.type === 'string' ? (operand.value as string) : undefined;
  switch (kind) {
    case 'string':
      return text === undefined ? `\`${operator}\` takes a string, e.g. ${EXAMPLE_OPERAND.string}.` : undefined;
    case 'number':
      if (operand.type === 'number') return undefined;
      if (text !== undefined && text.trim() !== '' && Number.isFinite(Number(text))) {
        return `\`${operator}\` takes a number, not a string: write \`${text.trim()}\` without quotes.`;
      }
      return `\`${operator}\` takes a number, e.g. ${EXAMPLE_OPERAND.number}.`;
    case 'boolean':
    case 'test':
      if (operand.type === 'boolean') return undefined;
      if (text === 'true' || text === 'false') {
        return `\`${operator}\` takes a boolean, not a string: write \`${text}\` without quotes.`;
      }
      return `\`${operator}\` takes \`true\` or \`false\`.`;
    case 'timestamp':
      if (text === undefined) return `\`${operator}\` takes a timestamp string, e.g. ${EXAMPLE_OPERAND.timestamp}.`;
      return isRfc3339Timestamp(text)
        ? undefined
        : `\`${operator}\` takes an RFC 3339 timestamp with an uppercase \`T\` and a \`Z\` or offset, e.g. ${EXAMPLE_OPERAND.timestamp}; \`${text}\` is not one.`;
    case 'path': {
      // The syntax of a path string is checked by `invalid-path` and `invalid-reference-path`.
      if (text !== undefined) return undefined;
      const literal = operator.slice(0, -'Path'.length);
      return `\`${operator}\` takes a path to the value to compare with, e.g. \`"$.expected"\`; to compare with a literal value, use \`${literal}\`.`;
    }
  }
}

/** A JSONata rule: `Condition`, `Next`, and optionally `Assign`, `Output`, `Comment`. */
function checkJsonataRule(rule: JsonNode, report: Report): void {
  let condition: JsonNode | undefined;
  let hasNext = false;
  let jsonPathKey: JsonNode | undefined;
  for (const [key, , property] of properties(rule)) {
    const keyNode = keyOf(property);
    if (key === 'Condition') condition = property;
    else if (key === 'Next') {
      hasNext = true;
      checkNext(property, report);
    }
    else if (JSONATA_RULE_FIELDS.includes(key)) continue;
    else if (JSONPATH_RULE_KEYS.has(key)) jsonPathKey ??= keyNode;
    else if (key === 'End') {
      hasNext = true;
      reportEnd(keyNode, report);
    } else {
      const suggestions = closest(key, JSONATA_RULE_FIELDS);
      report({
        ...spanOf(keyNode),
        message: `\`${key}\` is not a field of a JSONata Choice rule${suggestions.length > 0 ? didYouMean(suggestions) : '.'}`,
        data: { field: key, suggestions },
      });
    }
  }
  if (jsonPathKey) {
    report({
      ...spanOf(jsonPathKey),
      message:
        'This state uses JSONata, whose Choice rules have no `Variable` or comparison operators: write the test as a `Condition`, e.g. `"Condition": "{% $states.input.status = \'done\' %}"`.',
      data: { field: jsonPathKey.value, reason: 'jsonpath-field' },
    });
  } else if (!condition) {
    report({
      ...spanOf(anchor(rule)),
      message: 'This Choice rule has no `Condition`: add a JSONata expression that decides whether it matches, e.g. `"Condition": "{% $states.input.done %}"`.',
      data: { field: 'Condition', reason: 'missing' },
    });
  } else {
    checkCondition(condition, report);
  }
  if (!hasNext) {
    report({
      ...spanOf(anchor(rule)),
      message: 'This Choice rule has no `Next`: name the state to go to when it matches.',
      data: { field: 'Next', reason: 'missing' },
    });
  }
}

/**
 * `Condition` is a boolean or a `{% %}` expression. A string with only one of the two delimiters is
 * a malformed expression, which the expression checks report.
 */
function checkCondition(condition: JsonNode, report: Report): void {
  const value = condition.children?.[1];
  if (!value || value.type === 'boolean') return;
  if (value.type === 'string') {
    const text = (value.value as string).trim();
    if (text.startsWith('{%') || text.endsWith('%}') || hasSubstitution(text)) return;
  }
  report({
    ...spanOf(value),
    message: '`Condition` must be a JSONata expression in `{% %}`, e.g. `"{% $states.input.count > 1 %}"`, or a boolean.',
    data: { field: 'Condition', reason: 'not-an-expression' },
  });
}
