/**
 * Quick fixes for Statecraft's diagnostics. A fix is chosen by the diagnostic's code and computed
 * from its machine-readable `data` and the model, never from its message. Each diagnostic also
 * offers to turn its rule off in the settings (a command the client runs), and where one fix is
 * clearly the one meant and several problems of the kind exist, to fix them all at once.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  Range,
  TextEdit,
  type CodeAction,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import { getProperty, keyOf, valueOf } from '../../asl/jsonNode';
import type { AslDocument, JsonNode, State } from '../../asl/model';
import { DIAGNOSTIC_SOURCE } from '../languageService';
import type { AslDiagnostic } from '../rule';
import { isRuleCode, type RuleCode } from '../ruleCodes';
import { RULES } from '../rules';
import { validate } from '../validation';
import { DISABLE_RULE_COMMAND } from './commandIds';
import { addProperty, nonOverlapping, removeChildren, renameKey, replaceNode, type OffsetEdit } from './edits';
import { jsonataBody, jsonataToJsonPath, jsonPathToJsonata, type PathBase } from './expressionConversion';
import { nodeAt, stateAt } from './locate';

export { DISABLE_RULE_COMMAND };

/** A diagnostic as the fixes see it: offsets, code and data. */
export interface FixableProblem {
  code: RuleCode;
  offset: number;
  length: number;
  data: Record<string, unknown>;
}

export interface Fix {
  title: string;
  edits: OffsetEdit[];
  /** The fix the problem most likely calls for; only such fixes are applied by "fix all". */
  preferred?: boolean;
}

export interface CodeActionContext {
  diagnostics: Diagnostic[];
  only?: string[];
}

/** Where a rule that fails while "fix all" looks for problems is logged. */
export type Log = (message: string) => void;

export function getCodeActions(document: TextDocument, asl: AslDocument, context: CodeActionContext, log?: Log): CodeAction[] {
  if (context.only && !context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const actions: CodeAction[] = [];
  const disabled = new Set<string>();
  for (const diagnostic of context.diagnostics) {
    const problem = problemOf(document, diagnostic);
    if (!problem) continue;
    const fixes = fixesFor(asl, problem);
    for (const fix of fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred,
        edit: workspaceEdit(document, fix.edits),
      });
    }
    if (fixes.some((fix) => fix.preferred)) {
      const all = fixAll(document, asl, problem.code, log);
      if (all) actions.push({ ...all, diagnostics: [diagnostic] });
    }
    if (!disabled.has(problem.code)) {
      disabled.add(problem.code);
      actions.push({
        title: `Turn off rule \`${problem.code}\` in settings`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Turn off rule ${problem.code}`, command: DISABLE_RULE_COMMAND, arguments: [problem.code] },
      });
    }
  }
  return actions;
}

/** Statecraft's own diagnostics, read back: the code from `data` (or `code`), the range as offsets. */
function problemOf(document: TextDocument, diagnostic: Diagnostic): FixableProblem | undefined {
  const data = (diagnostic.data ?? {}) as Record<string, unknown>;
  const code = typeof data.code === 'string' ? data.code : typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
  if (!code || !isRuleCode(code) || (diagnostic.source !== undefined && diagnostic.source !== DIAGNOSTIC_SOURCE)) return undefined;
  const offset = document.offsetAt(diagnostic.range.start);
  return { code, offset, length: document.offsetAt(diagnostic.range.end) - offset, data };
}

function workspaceEdit(document: TextDocument, edits: OffsetEdit[]): WorkspaceEdit {
  return {
    changes: {
      [document.uri]: edits.map((edit) =>
        TextEdit.replace(Range.create(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length)), edit.newText),
      ),
    },
  };
}

/** "Fix all": the preferred fix of every problem of `code` in the document, when there are several. */
function fixAll(document: TextDocument, asl: AslDocument, code: RuleCode, log: Log | undefined): CodeAction | undefined {
  const problems = problemsOf(asl, code, log);
  if (problems.length < 2) return undefined;
  const edits: OffsetEdit[] = [];
  let fixed = 0;
  if (code === 'unreachable-state') {
    // Removing states edits their `States` objects together, so neighbours are removed cleanly.
    const byObject = new Map<JsonNode, Set<JsonNode>>();
    for (const problem of problems) {
      const property = stateOfName(asl, problem)?.nameNode.parent;
      if (!property?.parent) continue;
      let set = byObject.get(property.parent);
      if (!set) byObject.set(property.parent, (set = new Set()));
      set.add(property);
      fixed++;
    }
    for (const [object, removed] of byObject) edits.push(...removeChildren(object, removed));
  } else {
    for (const problem of problems) {
      const fix = fixesFor(asl, problem).find((candidate) => candidate.preferred);
      if (!fix) continue;
      edits.push(...fix.edits);
      fixed++;
    }
  }
  if (fixed < 2) return undefined;
  return {
    title: `Fix all ${fixed} \`${code}\` problems`,
    kind: CodeActionKind.QuickFix,
    edit: workspaceEdit(document, nonOverlapping(edits)),
  };
}

const problemsCache = new WeakMap<AslDocument, Map<RuleCode, FixableProblem[]>>();

/** Every problem of one code in the document (only the rules that report it run). */
function problemsOf(asl: AslDocument, code: RuleCode, log: Log | undefined): FixableProblem[] {
  let byCode = problemsCache.get(asl);
  if (!byCode) problemsCache.set(asl, (byCode = new Map()));
  let problems = byCode.get(code);
  if (!problems) {
    const rules = RULES.filter((rule) => rule.codes.includes(code));
    problems = validate(asl, { log }, rules)
      .filter((diagnostic: AslDiagnostic) => diagnostic.code === code)
      .map((diagnostic) => ({ code, offset: diagnostic.offset, length: diagnostic.length, data: diagnostic.data ?? {} }));
    byCode.set(code, problems);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The fixes of each code

export function fixesFor(asl: AslDocument, problem: FixableProblem): Fix[] {
  switch (problem.code) {
    case 'unknown-state':
    case 'unknown-error-name':
    case 'invalid-value':
      return replaceWithSuggestions(asl, problem);
    case 'unknown-field':
      return renameToSuggestions(asl, problem);
    case 'undefined-variable':
      return renameVariable(asl, problem);
    case 'missing-transition':
      return missingTransitionFixes(asl, problem);
    case 'unreachable-state':
      return unreachableStateFixes(asl, problem);
    case 'end-and-next':
      return endAndNextFixes(asl, problem);
    case 'mutually-exclusive-fields':
      return mutuallyExclusiveFixes(asl, problem);
    case 'deprecated-field':
      return deprecatedFieldFixes(asl, problem);
    case 'no-dollar':
      return noDollarFixes(asl, problem);
    case 'no-path':
      return noPathFixes(asl, problem);
    case 'query-language-field':
      return queryLanguageFieldFixes(asl, problem);
    default:
      return [];
  }
}

function suggestionsOf(problem: FixableProblem): string[] {
  const suggestions = problem.data.suggestions;
  return Array.isArray(suggestions) ? suggestions.filter((s): s is string => typeof s === 'string') : [];
}

/** The string node the problem underlines (quotes included). */
function underlinedString(asl: AslDocument, problem: FixableProblem): JsonNode | undefined {
  const node = nodeAt(asl.root, problem.offset + 1);
  return node?.type === 'string' && node.offset === problem.offset && node.length === problem.length ? node : undefined;
}

/** The property whose key or value the problem underlines (a value's contents included). */
function underlinedProperty(asl: AslDocument, problem: FixableProblem): JsonNode | undefined {
  let node = nodeAt(asl.root, problem.offset);
  while (node && node.type !== 'property') node = node.parent;
  return node;
}

/** `unknown-state`, `unknown-error-name`, `invalid-value`: the underlined string becomes a suggested name. */
function replaceWithSuggestions(asl: AslDocument, problem: FixableProblem): Fix[] {
  const node = underlinedString(asl, problem);
  if (!node) return [];
  const suggestions = suggestionsOf(problem);
  return suggestions.map((suggestion) => ({
    title: `Change to \`${suggestion}\``,
    edits: [replaceNode(node, JSON.stringify(suggestion))],
    preferred: suggestions.length === 1,
  }));
}

/** `unknown-field`: the key becomes a suggested field, unless the object has that field already. */
function renameToSuggestions(asl: AslDocument, problem: FixableProblem): Fix[] {
  const node = underlinedString(asl, problem);
  const property = node?.parent;
  if (property?.type !== 'property' || property.children?.[0] !== node || !property.parent) return [];
  const suggestions = suggestionsOf(problem).filter((field) => !getProperty(property.parent, field));
  return suggestions.map((field) => ({
    title: `Change to \`${field}\``,
    edits: [renameKey(property, field)],
    preferred: suggestions.length === 1,
  }));
}

/** `undefined-variable`: the underlined `$name` becomes a suggested variable. */
function renameVariable(asl: AslDocument, problem: FixableProblem): Fix[] {
  const { name } = problem.data;
  if (typeof name !== 'string' || asl.text.slice(problem.offset, problem.offset + problem.length) !== `$${name}`) return [];
  const suggestions = suggestionsOf(problem);
  return suggestions.map((suggestion) => ({
    title: `Change to \`$${suggestion}\``,
    edits: [{ offset: problem.offset, length: problem.length, newText: `$${suggestion}` }],
    preferred: suggestions.length === 1,
  }));
}

/** The state whose name the problem underlines. */
function stateOfName(asl: AslDocument, problem: FixableProblem): State | undefined {
  const state = stateAt(asl, problem.offset);
  return state && state.nameNode.offset === problem.offset ? state : undefined;
}

function missingTransitionFixes(asl: AslDocument, problem: FixableProblem): Fix[] {
  const state = stateOfName(asl, problem);
  if (!state || state.node.type !== 'object') return [];
  const next = typeof problem.data.nextCandidate === 'string' ? problem.data.nextCandidate : undefined;
  // `"End": false` is there: set it rather than adding a second `End`.
  const end = getProperty(state.node, 'End');
  const fixes: Fix[] = [];
  if (next) {
    const edits = end ? [replaceNode(end, `"Next": ${JSON.stringify(next)}`)] : [addProperty(asl.text, state.node, 'Next', JSON.stringify(next))];
    fixes.push({ title: `Add \`"Next": "${next}"\``, edits, preferred: true });
  }
  const endEdit = end ? replaceNode(end, '"End": true') : addProperty(asl.text, state.node, 'End', 'true');
  fixes.push({ title: 'Add `"End": true`', edits: [endEdit], preferred: !next });
  return fixes;
}

function unreachableStateFixes(asl: AslDocument, problem: FixableProblem): Fix[] {
  const state = stateOfName(asl, problem);
  const property = state?.nameNode.parent;
  if (!state || !property?.parent) return [];
  return [{ title: `Remove state \`${state.name}\``, edits: removeChildren(property.parent, new Set([property])), preferred: true }];
}

function endAndNextFixes(asl: AslDocument, problem: FixableProblem): Fix[] {
  const object = underlinedProperty(asl, problem)?.parent;
  const next = getProperty(object, 'Next');
  const end = getProperty(object, 'End');
  if (!object || !next || !end) return [];
  return [
    { title: 'Remove `"End": true` and keep `Next`', edits: removeChildren(object, new Set([end])) },
    { title: 'Remove `Next` and keep `"End": true`', edits: removeChildren(object, new Set([next])) },
  ];
}

function mutuallyExclusiveFixes(asl: AslDocument, problem: FixableProblem): Fix[] {
  const fields = problem.data.fields;
  const object = underlinedProperty(asl, problem)?.parent;
  if (!Array.isArray(fields) || !object) return [];
  const present = fields.filter((field): field is string => typeof field === 'string' && getProperty(object, field) !== undefined);
  if (present.length < 2) return [];
  return present.map((kept) => ({
    title: `Keep \`${kept}\` and remove ${present.filter((field) => field !== kept).map((field) => `\`${field}\``).join(', ')}`,
    edits: removeChildren(object, new Set(present.filter((field) => field !== kept).map((field) => getProperty(object, field)!))),
  }));
}

function deprecatedFieldFixes(asl: AslDocument, problem: FixableProblem): Fix[] {
  const { field, replacement } = problem.data;
  const property = underlinedProperty(asl, problem);
  if (typeof field !== 'string' || typeof replacement !== 'string' || !property?.parent) return [];
  if (getProperty(property.parent, replacement)) return [];
  return [{ title: `Replace \`${field}\` with \`${replacement}\``, edits: [renameKey(property, replacement)], preferred: true }];
}

/** The property named `key` that holds or is the underlined text. */
function propertyWithKey(asl: AslDocument, problem: FixableProblem, key: string): JsonNode | undefined {
  const property = underlinedProperty(asl, problem);
  return property && keyOf(property).value === key ? property : undefined;
}

function noDollarFixes(asl: AslDocument, problem: FixableProblem): Fix[] {
  const { key, replacement } = problem.data;
  if (typeof key !== 'string' || typeof replacement !== 'string') return [];
  const property = propertyWithKey(asl, problem, key);
  if (!property?.parent || getProperty(property.parent, replacement)) return [];
  if (replacement.endsWith('.$')) {
    return [{ title: `Rename \`${key}\` to \`${replacement}\` to evaluate the value`, edits: [renameKey(property, replacement)], preferred: true }];
  }
  // A `.$` key in a JSONata state: the value becomes the JSONata expression reading the same data.
  const value = valueOf(property);
  const path = value?.type === 'string' ? jsonPathToJsonata(value.value as string) : undefined;
  if (value && path) {
    return [{ title: `Rename \`${key}\` to \`${replacement}\` and read \`${value.value}\` with JSONata`, edits: [renameKey(property, replacement), replaceNode(value, JSON.stringify(`{% ${path} %}`))], preferred: true }];
  }
  return [{ title: `Rename \`${key}\` to \`${replacement}\` (the value stays literal text)`, edits: [renameKey(property, replacement)] }];
}

function noPathFixes(asl: AslDocument, problem: FixableProblem): Fix[] {
  const { key, replacement } = problem.data;
  if (typeof key !== 'string' || typeof replacement !== 'string') return [];
  const property = propertyWithKey(asl, problem, key);
  if (!property?.parent || getProperty(property.parent, replacement)) return [];
  return [{ title: `Rename \`${key}\` to \`${replacement}\` to pass the value as it is`, edits: [renameKey(property, replacement)], preferred: true }];
}

// ---------------------------------------------------------------------------------------------
// Moving a field to the other query language

/** JSONPath fields whose JSONata counterpart takes the same value as a JSONata expression. */
const PATH_FIELDS_TO_JSONATA = new Set([
  'ItemsPath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'SecondsPath',
  'TimestampPath',
  'ErrorPath',
  'CausePath',
  'MaxConcurrencyPath',
  'ToleratedFailurePercentagePath',
  'ToleratedFailureCountPath',
  'MaxItemsPath',
  'MaxItemsPerBatchPath',
  'MaxInputBytesPerBatchPath',
]);

/** The states whose output, without `ResultPath`, is their result rather than their input. */
const RESULT_TYPES = new Set(['Task', 'Parallel', 'Map']);

function queryLanguageFieldFixes(asl: AslDocument, problem: FixableProblem): Fix[] {
  const { field, replacement, queryLanguage } = problem.data;
  const property = underlinedProperty(asl, problem);
  if (typeof field !== 'string' || !property?.parent || keyOf(property).value !== field) return [];
  const object = property.parent;
  if (field === 'QueryLanguage') {
    return [{ title: 'Remove `QueryLanguage` (the state uses JSONata, as the state machine does)', edits: removeChildren(object, new Set([property])), preferred: true }];
  }
  if (typeof replacement !== 'string' || getProperty(object, replacement)) return [];
  const state = stateAt(asl, property.offset);
  const value = valueOf(property);
  if (!value || !state) return [];
  const edits = queryLanguage === 'JSONata' ? toJsonataEdits(state, object, field, value) : toJsonPathEdits(state, object, field, value);
  if (!edits) return [];
  return [{ title: `Replace \`${field}\` with \`${replacement}\``, edits: [renameKey(property, replacement), ...edits], preferred: true }];
}

/** The value edits that make a JSONPath field's value right for its JSONata counterpart, or undefined when no faithful form exists. */
function toJsonataEdits(state: State, object: JsonNode, field: string, value: JsonNode): OffsetEdit[] | undefined {
  const isState = object === state.node;
  const pathToExpression = (base: PathBase) => {
    const expression = value.type === 'string' ? jsonPathToJsonata(value.value as string, base) : undefined;
    return expression ? [replaceNode(value, JSON.stringify(`{% ${expression} %}`))] : undefined;
  };
  if (PATH_FIELDS_TO_JSONATA.has(field)) return pathToExpression('input');
  if (field === 'Parameters') return templateToJsonata(value, 'input');
  if (field === 'Result' && isState) return [];
  if (!isState) {
    // A catcher's `ResultPath`: where the error output goes in the input.
    if (field !== 'ResultPath') return undefined;
    if (value.type === 'null') return [replaceNode(value, JSON.stringify('{% $states.input %}'))];
    if (value.type !== 'string') return undefined;
    if (value.value === '$') return [replaceNode(value, JSON.stringify('{% $states.errorOutput %}'))];
    const member = /^\$\.([A-Za-z_]\w*)$/.exec(value.value as string);
    return member ? [replaceNode(value, JSON.stringify(`{% $merge([$states.input, {"${member[1]}": $states.errorOutput}]) %}`))] : undefined;
  }
  // The output fields of a state: only one of them at a time has a one-to-one `Output`.
  const others = ['ResultSelector', 'ResultPath', 'OutputPath'].filter((other) => other !== field && getProperty(object, other));
  if (others.length > 0) return undefined;
  if (field === 'OutputPath') {
    if (RESULT_TYPES.has(state.type ?? '')) return pathToExpression('result');
    return state.type === 'Pass' && getProperty(object, 'Result') ? undefined : pathToExpression('input');
  }
  if (field === 'ResultSelector' && RESULT_TYPES.has(state.type ?? '')) return templateToJsonata(value, 'result');
  return undefined;
}

/** A JSONPath payload template as a JSONata object: `"k.$": "$.a"` becomes `"k": "{% $states.input.a %}"`. */
function templateToJsonata(template: JsonNode, base: PathBase): OffsetEdit[] | undefined {
  if (template.type !== 'object') return undefined;
  const edits: OffsetEdit[] = [];
  const stack: JsonNode[] = [template];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.children ?? []) {
      if (node.type === 'object') {
        const key = child.children?.[0]?.value as string;
        const value = valueOf(child);
        if (!value) return undefined;
        if (key.endsWith('.$')) {
          const expression = value.type === 'string' ? jsonPathToJsonata(value.value as string, base) : undefined;
          if (!expression) return undefined;
          edits.push(renameKey(child, key.slice(0, -2)), replaceNode(value, JSON.stringify(`{% ${expression} %}`)));
        } else if (value.type === 'object' || value.type === 'array') {
          stack.push(value);
        }
      } else if (child.type === 'object' || child.type === 'array') {
        stack.push(child);
      }
    }
  }
  return edits;
}

/** The value edits that make a JSONata field's value right for its JSONPath counterpart, or undefined. */
function toJsonPathEdits(state: State, object: JsonNode, field: string, value: JsonNode): OffsetEdit[] | undefined {
  if (field === 'Arguments') return templateToJsonPath(value);
  if (object !== state.node || value.type !== 'string') return undefined;
  const body = jsonataBody(value.value as string);
  if (body === undefined) return undefined;
  let path: string | undefined;
  if (field === 'Items') path = jsonataToJsonPath(body, 'input');
  else if (field === 'Output') {
    if (getProperty(object, 'ResultSelector') || getProperty(object, 'ResultPath')) return undefined;
    path = jsonataToJsonPath(body, RESULT_TYPES.has(state.type ?? '') ? 'result' : 'input');
  }
  return path ? [replaceNode(value, JSON.stringify(path))] : undefined;
}

/** A JSONata `Arguments` object as a JSONPath template: `"k": "{% $states.input.a %}"` becomes `"k.$": "$.a"`. */
function templateToJsonPath(template: JsonNode): OffsetEdit[] | undefined {
  if (template.type !== 'object') return undefined;
  const edits: OffsetEdit[] = [];
  const stack: JsonNode[] = [template];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.children ?? []) {
      const value = node.type === 'object' ? valueOf(child) : child;
      if (!value) return undefined;
      if (value.type === 'object' || value.type === 'array') {
        stack.push(value);
        continue;
      }
      const body = value.type === 'string' ? jsonataBody(value.value as string) : undefined;
      if (body === undefined) continue;
      // An expression inside an array has no key to mark with `.$`.
      if (node.type !== 'object') return undefined;
      const path = jsonataToJsonPath(body, 'input');
      if (!path) return undefined;
      edits.push(renameKey(child, `${child.children![0].value as string}.$`), replaceNode(value, JSON.stringify(path)));
    }
  }
  return edits;
}
