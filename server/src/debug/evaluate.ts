/**
 * Expressions a developer types while debugging (Debug Console, Watch, hover, breakpoint conditions,
 * logpoints), evaluated against one state as the interpreter would evaluate them there: a JSONPath
 * (`$.order.total`, `$$.Execution.Input`, `$customer.email`), an intrinsic function call
 * (`States.Format('{}', $.id)`), or JSONata (`$states.input.total > 100`, or `{% ... %}`). Also the
 * previews of what a state is about to do: its effective input and which Choice rule matches.
 * Evaluating never changes the execution: the random source is a private one.
 */
import type { Json, JsonObject, RandomSource } from '../interpreter/types';
import { compilePath, MISSING, PathSyntaxError, selectPath } from '../interpreter/paths';
import { evaluateIntrinsic } from '../interpreter/intrinsics';
import { evaluateJsonata, evaluateTemplate, expressionOf, FieldError, type JsonataScope } from '../interpreter/jsonataEval';
import { evaluateRule, ChoiceRuleError } from '../interpreter/choice';
import { StatesError } from '../interpreter/errors';
import { isObject } from '../interpreter/json';
import { looksLikeIntrinsic, parseIntrinsic } from '../asl/intrinsics';
import type { JsonPath } from '../asl/jsonpath';
import jsonata from 'jsonata';

/** What an expression sees: the state's raw input, the variables visible to it, the Context object. */
export interface StateView {
  input: Json;
  variables: Readonly<JsonObject>;
  context: JsonObject;
  /** The execution's clock, for `$now()` and `$millis()`. */
  now: number;
}

export type ExpressionLanguage = 'JSONPath' | 'intrinsic' | 'JSONata';

/** An expression that cannot be evaluated here; the message says why. */
export class EvaluationError extends Error {}

const privateRandom: RandomSource = { next: () => Math.random() };

/**
 * The language of an expression: `{% %}` is JSONata; `States.` starts an intrinsic call; a text that
 * parses as a JSONPath (other than `$states...`, JSONata's own variable) is one; the rest is JSONata.
 */
export function languageOf(text: string): ExpressionLanguage {
  const trimmed = text.trim();
  if (expressionOf(trimmed) !== undefined) return 'JSONata';
  if (looksLikeIntrinsic(trimmed) && trimmed.startsWith('States.')) return 'intrinsic';
  if (trimmed.startsWith('$') && !/^\$states\b/.test(trimmed)) {
    try {
      compilePath(trimmed);
      return 'JSONPath';
    } catch {
      return 'JSONata';
    }
  }
  return 'JSONata';
}

/** A syntax problem in the expression, or undefined when it parses. */
export function syntaxError(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 'The expression is empty.';
  switch (languageOf(trimmed)) {
    case 'JSONPath':
      return undefined;
    case 'intrinsic': {
      const { error } = parseIntrinsic(trimmed);
      return error ? `Not a valid intrinsic function call: ${error.message}` : undefined;
    }
    case 'JSONata':
      try {
        jsonata(expressionOf(trimmed) ?? trimmed);
        return undefined;
      } catch (error) {
        return `Not a valid JSONata expression: ${(error as Error).message}`;
      }
  }
}

/** Evaluates an expression; `undefined` when a path selects nothing or JSONata gives no value. */
export async function evaluate(text: string, view: StateView): Promise<Json | undefined> {
  const trimmed = text.trim();
  if (trimmed === '') throw new EvaluationError('The expression is empty.');
  switch (languageOf(trimmed)) {
    case 'JSONPath':
      return selectFrom(compile(trimmed), view, view.input);
    case 'intrinsic':
      return intrinsic(trimmed, view, view.input);
    case 'JSONata':
      return jsonataValue(expressionOf(trimmed) ?? trimmed, view);
  }
}

function compile(text: string): JsonPath {
  try {
    return compilePath(text);
  } catch (error) {
    if (error instanceof PathSyntaxError) throw new EvaluationError(error.message);
    throw error;
  }
}

/** A path's value with `$` bound to `input`: `$$` is the Context object, `$name` a variable. */
function selectFrom(path: JsonPath, view: StateView, input: Json): Json | undefined {
  let root: Json;
  if (path.root === '$') root = input;
  else if (path.root === '$$') root = view.context;
  else {
    const name = path.root.variable;
    if (!Object.prototype.hasOwnProperty.call(view.variables, name)) {
      throw new EvaluationError(`The variable \`$${name}\` is not defined here: no state before this one assigned it.`);
    }
    root = view.variables[name];
  }
  const value = selectPath(path, root);
  return value === MISSING ? undefined : value;
}

function intrinsic(text: string, view: StateView, input: Json): Json {
  const { call, error } = parseIntrinsic(text);
  if (!call) throw new EvaluationError(`Not a valid intrinsic function call: ${error?.message ?? text}`);
  try {
    return evaluateIntrinsic(call, {
      random: privateRandom,
      resolvePath: (argument) => {
        const value = selectFrom(argument.path, view, input);
        if (value === undefined) throw new EvaluationError(`The path \`${argument.path.text}\` selects nothing.`);
        return value;
      },
    });
  } catch (thrown) {
    if (thrown instanceof StatesError) throw new EvaluationError(thrown.message);
    throw thrown;
  }
}

function jsonataScope(view: StateView, input: Json, extra?: JsonObject): JsonataScope {
  return { states: { input, context: view.context, ...extra }, variables: view.variables, random: privateRandom, now: () => view.now };
}

async function jsonataValue(expression: string, view: StateView): Promise<Json | undefined> {
  try {
    return await evaluateJsonata(expression, 'expression', jsonataScope(view, view.input));
  } catch (thrown) {
    if (thrown instanceof FieldError) throw new EvaluationError(thrown.detail.replace(` specified for the field 'expression'`, ''));
    throw thrown;
  }
}

/** Whether a condition's value counts as true: `true`, or any value but false, null, 0, "", [] and {}. */
export function isTrue(value: Json | undefined): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** A value as text in a log message: strings as they are, the rest as compact JSON. */
export function asText(value: Json | undefined): string {
  if (value === undefined) return 'undefined';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A logpoint message with each `{expression}` replaced by its value. Braces inside an expression
 * (JSONata objects, strings) are matched; `{{` and `}}` stand for literal braces.
 */
export async function interpolate(message: string, view: StateView): Promise<string> {
  let out = '';
  let i = 0;
  while (i < message.length) {
    const c = message[i];
    if ((c === '{' || c === '}') && message[i + 1] === c) {
      out += c;
      i += 2;
      continue;
    }
    if (c !== '{') {
      out += c;
      i++;
      continue;
    }
    const end = closingBrace(message, i);
    if (end < 0) {
      out += message.slice(i);
      break;
    }
    const expression = message.slice(i + 1, end);
    try {
      out += asText(await evaluate(expression, view));
    } catch (error) {
      out += `<${(error as Error).message}>`;
    }
    i = end + 1;
  }
  return out;
}

function closingBrace(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

// -------------------------------------------------------------------------------------------------
// Previews of what a state is about to do

/**
 * The state's effective input before it runs: `InputPath` then `Parameters` (JSONPath), or
 * `Arguments` (JSONata), evaluated as the interpreter will. Throws EvaluationError with the reason the
 * state would fail.
 */
export async function previewEffectiveInput(type: string, def: JsonObject, jsonataMode: boolean, view: StateView): Promise<Json> {
  if (jsonataMode) {
    if ((type === 'Task' || type === 'Parallel') && def.Arguments !== undefined) return jsonataTemplate(def.Arguments, 'Arguments', view);
    return view.input;
  }
  if (type === 'Fail') return view.input;
  const effective = inputPath(def, view);
  const usesParameters = type === 'Task' || type === 'Parallel' || (type === 'Pass' && def.Result === undefined);
  return usesParameters && def.Parameters !== undefined ? payload(def.Parameters, view, effective, 'Parameters') : effective;
}

function inputPath(def: JsonObject, view: StateView): Json {
  if (def.InputPath === undefined || typeof def.InputPath !== 'string') return def.InputPath === null ? {} : view.input;
  const value = selectFrom(compile(def.InputPath), view, view.input);
  if (value === undefined) throw new EvaluationError(`InputPath \`${def.InputPath}\` selects nothing in the input.`);
  return value;
}

/** A payload template: `.$` keys hold a path or an intrinsic call, evaluated against `input`. */
function payload(template: Json, view: StateView, input: Json, field: string): Json {
  if (Array.isArray(template)) return template.map((item) => payload(item, view, input, field));
  if (!isObject(template)) return template;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && key.length > 2) {
      if (typeof value !== 'string') throw new EvaluationError(`\`${field}\` field \`${key}\` must hold a path or an intrinsic function call.`);
      if (looksLikeIntrinsic(value)) out[key.slice(0, -2)] = intrinsic(value, view, input);
      else {
        const selected = selectFrom(compile(value), view, input);
        if (selected === undefined) throw new EvaluationError(`\`${field}\` field \`${key}\`: the path \`${value}\` selects nothing.`);
        out[key.slice(0, -2)] = selected;
      }
    } else {
      out[key] = payload(value, view, input, field);
    }
  }
  return out;
}

async function jsonataTemplate(template: Json, field: string, view: StateView): Promise<Json> {
  try {
    return await evaluateTemplate(template, field, jsonataScope(view, view.input));
  } catch (thrown) {
    if (thrown instanceof FieldError) throw new EvaluationError(thrown.detail);
    throw thrown;
  }
}

/** One Choice rule as it evaluates now: whether it matches, or why it cannot be evaluated. */
export interface ChoicePreview {
  /** `Choices[i]`, or `Default`. */
  rule: string;
  next?: string;
  matches?: boolean;
  error?: string;
}

/** Every rule of a Choice state evaluated against the view, then the `Default`. */
export async function previewChoice(def: JsonObject, jsonataMode: boolean, view: StateView): Promise<ChoicePreview[]> {
  const rules = Array.isArray(def.Choices) ? def.Choices : [];
  const out: ChoicePreview[] = [];
  let effective: Json = view.input;
  if (!jsonataMode) {
    try {
      effective = inputPath(def, view);
    } catch (error) {
      return [{ rule: 'InputPath', error: (error as Error).message }];
    }
  }
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const preview: ChoicePreview = { rule: `Choices[${i}]` };
    if (isObject(rule) && typeof rule.Next === 'string') preview.next = rule.Next;
    try {
      if (!isObject(rule)) throw new EvaluationError('The rule is not an object.');
      if (jsonataMode) {
        const condition = rule.Condition;
        const expression = expressionOf(condition);
        const value = expression !== undefined ? await jsonataValue(expression, view) : condition;
        if (typeof value !== 'boolean') throw new EvaluationError(`The Condition gives ${JSON.stringify(value ?? null)}, not a boolean.`);
        preview.matches = value;
      } else {
        preview.matches = evaluateRule(rule, (path) => selectFrom(compile(path), view, effective));
      }
    } catch (error) {
      preview.error = error instanceof ChoiceRuleError || error instanceof EvaluationError ? error.message : String(error);
    }
    out.push(preview);
  }
  if (typeof def.Default === 'string') out.push({ rule: 'Default', next: def.Default });
  return out;
}
