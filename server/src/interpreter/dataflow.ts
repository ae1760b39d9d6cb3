/**
 * JSONPath-mode data flow: InputPath, Parameters/ResultSelector/ItemSelector payload templates
 * (`.$` keys, intrinsic functions, `$$` and `$variable` paths), ResultPath, OutputPath, Assign, and
 * the numeric fields read through paths. Every failure is reported with AWS's wording.
 */
import type { Json, JsonObject } from './types';
import type { Execution, StateRun } from './engine';
import { FieldError, evaluateTemplate } from './jsonataEval';
import { RUNTIME, QUERY_EVALUATION } from './errors';
import { isObject, toJsonText, typeName } from './json';
import { compilePath, describeMissing, isDefinite, MISSING, PathSyntaxError, ResultPathError, selectPath, setPath } from './paths';
import type { JsonPath } from '../asl/jsonpath';
import { looksLikeIntrinsic, parseIntrinsic, type IntrinsicCall } from '../asl/intrinsics';
import { evaluateIntrinsic, type IntrinsicEnvironment } from './intrinsics';
import { parseTimestamp } from './timestamps';

export interface ToleratedFailures {
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
}

export interface BatcherSettings {
  maxItems?: number;
  maxBytes?: number;
  batchInput?: Json;
}

const dynamicTemplates = new WeakMap<object, boolean>();
const expressionCache = new Map<string, { call: IntrinsicCall } | { path: JsonPath }>();

/** Whether a payload template has any `.$` key (cached per template object): static ones are returned as is. */
function isDynamic(template: Json): boolean {
  if (template === null || typeof template !== 'object') return false;
  let known = dynamicTemplates.get(template);
  if (known === undefined) {
    known = Array.isArray(template) ? template.some(isDynamic) : Object.keys(template).some((k) => k.endsWith('.$') || isDynamic(template[k]));
    dynamicTemplates.set(template, known);
  }
  return known;
}

export class DataFlow {
  constructor(private readonly execution: Execution) {}

  private compile(text: string, field: string): JsonPath {
    try {
      return compilePath(text);
    } catch (error) {
      if (error instanceof PathSyntaxError) throw new FieldError(RUNTIME, `The field '${field}' does not hold a valid JSONPath: ${error.message}`);
      throw error;
    }
  }

  /** The root a path starts from: the given value, the Context object, or a variable. */
  private rootOf(run: StateRun, path: JsonPath, input: Json, field: string): Json {
    if (path.root === '$') return input;
    if (path.root === '$$') return this.execution.context(run);
    const variables = run.scope.variables;
    const name = path.root.variable;
    if (!Object.prototype.hasOwnProperty.call(variables, name)) {
      throw new FieldError(RUNTIME, `The variable '$${name}' used in the field '${field}' is not defined: no state before this one assigned it.`);
    }
    return variables[name];
  }

  /** A `.$` value parsed once: an intrinsic call or a path (the parsers cache too, but testing costs). */
  private parsedExpression(text: string, field: string): { call: IntrinsicCall } | { path: JsonPath } {
    let parsed = expressionCache.get(text);
    if (!parsed) {
      if (looksLikeIntrinsic(text)) {
        const { call, error } = parseIntrinsic(text);
        if (!call) throw new FieldError(RUNTIME, `The field '${field}' does not hold a valid intrinsic function: ${error?.message ?? text} (at position ${error?.offset ?? 0} of '${text}')`);
        parsed = { call };
      } else {
        if (!text.startsWith('$')) {
          throw new FieldError(RUNTIME, `The value of the field '${field}' must be a path starting with '$' or an intrinsic function, but was '${text}'.`);
        }
        parsed = { path: this.compile(text, field) };
      }
      if (expressionCache.size > 20_000) expressionCache.clear();
      expressionCache.set(text, parsed);
    }
    return parsed;
  }

  /** A value selected by a path, or MISSING. */
  select(run: StateRun, path: JsonPath, input: Json, field: string): Json | typeof MISSING {
    return selectPath(path, this.rootOf(run, path, input, field));
  }

  /** `InputPath`/`OutputPath`/`ItemsPath` style: a path that must select something. */
  requiredPath(run: StateRun, text: string, input: Json, field: string): Json {
    const path = this.compile(text, field);
    const root = this.rootOf(run, path, input, field);
    const value = selectPath(path, root);
    if (value === MISSING) throw new FieldError(RUNTIME, `Invalid path '${text}' : ${describeMissing(path.segments, root)}`);
    return value;
  }

  inputPath(run: StateRun, raw: Json): Json {
    const inputPath = run.def.InputPath;
    if (inputPath === undefined) return raw;
    if (inputPath === null) return {};
    return typeof inputPath === 'string' ? this.requiredPath(run, inputPath, raw, 'InputPath') : raw;
  }

  outputPath(run: StateRun, value: Json): Json {
    const outputPath = run.def.OutputPath;
    if (outputPath === undefined) return value;
    if (outputPath === null) return {};
    return typeof outputPath === 'string' ? this.requiredPath(run, outputPath, value, 'OutputPath') : value;
  }

  resultPath(run: StateRun, raw: Json, result: Json): Json {
    return this.resultPathOf(run, run.def.ResultPath, raw, result);
  }

  /** Places a result in the raw input: `null` keeps the input, `$` (the default) replaces it. */
  resultPathOf(run: StateRun, resultPath: Json | undefined, raw: Json, result: Json): Json {
    if (resultPath === undefined) return result;
    if (resultPath === null) return raw;
    if (typeof resultPath !== 'string') return result;
    const path = this.compile(resultPath, 'ResultPath');
    if (path.root !== '$' || !isDefinite(path)) {
      throw new FieldError(RUNTIME, `The ResultPath '${resultPath}' must be a reference path: it starts with '$' and names a single place (no wildcards, filters or variables).`);
    }
    try {
      return setPath(raw, path.segments, result);
    } catch (error) {
      if (error instanceof ResultPathError) {
        throw new FieldError('States.ResultPathMatchFailure', `Unable to apply ResultPath '${resultPath}' to input '${toJsonText(raw)}': a value on the path is not an object.`);
      }
      throw error;
    }
  }

  /** A `.$` value: a path, a Context object path, a variable path or an intrinsic function. */
  expression(run: StateRun, text: string, input: Json, field: string): Json {
    const parsed = this.parsedExpression(text, field);
    if ('call' in parsed) {
      const env: IntrinsicEnvironment = {
        random: this.execution.randomSource,
        resolvePath: (argument) => this.reference(run, argument.path, input, field),
      };
      return evaluateIntrinsic(parsed.call, env);
    }
    return this.reference(run, parsed.path, input, field);
  }

  private reference(run: StateRun, path: JsonPath, input: Json, field: string): Json {
    const root = this.rootOf(run, path, input, field);
    const value = selectPath(path, root);
    if (value === MISSING) {
      throw new FieldError(RUNTIME, `The JSONPath '${path.text}' specified for the field '${field}' could not be found in the input '${toJsonText(root)}'`);
    }
    return value;
  }

  /** Evaluates a payload template against `input`. */
  payload(run: StateRun, template: Json, input: Json, field: string): Json {
    if (!isDynamic(template)) return template;
    if (Array.isArray(template)) return template.map((item) => this.payload(run, item, input, field));
    const object = template as JsonObject;
    const out: JsonObject = {};
    for (const key of Object.keys(object)) {
      const value = object[key];
      if (key.endsWith('.$') && key.length > 2) {
        if (typeof value !== 'string') {
          throw new FieldError(RUNTIME, `The value of the field '${key}' must be a string holding a path or an intrinsic function, but was ${typeName(value)}.`);
        }
        out[key.slice(0, -2)] = this.expression(run, value, input, key);
      } else {
        out[key] = this.payload(run, value, input, field);
      }
    }
    return out;
  }

  /** JSONPath-mode `Assign`: a payload template whose `$` is the state's result. */
  assign(run: StateRun, template: Json, value: Json): JsonObject {
    if (!isObject(template)) throw new FieldError(RUNTIME, `The field 'Assign' must be an object of variable names to values, but was ${typeName(template)}.`);
    return this.payload(run, template, value, 'Assign') as JsonObject;
  }

  /** `ErrorPath`/`CausePath` of a Fail state: a path or intrinsic function that must give a string. */
  failField(run: StateRun, text: string, field: string): string {
    const value = looksLikeIntrinsic(text) ? this.expression(run, text, run.input, field) : this.lookup(run, text, run.input, field);
    if (typeof value !== 'string') {
      throw new FieldError(RUNTIME, `The JSONPath '${text}' specified for the field '${field}' must point to a string, but found ${typeName(value)}: ${toJsonText(value)}`);
    }
    return value;
  }

  private lookup(run: StateRun, text: string, input: Json, field: string): Json {
    const path = this.compile(text, field);
    const root = this.rootOf(run, path, input, field);
    const value = selectPath(path, root);
    if (value === MISSING) {
      throw new FieldError(RUNTIME, `The JSONPath '${text}' specified for the field '${field}' could not be found in the input '${toJsonText(input)}'`);
    }
    return value;
  }

  /** A Choice rule's `Variable` or `...Path` operand: undefined when missing. */
  readForChoice(run: StateRun, text: string, input: Json, field: string): Json | undefined {
    const path = this.compile(text, field);
    const value = selectPath(path, this.rootOf(run, path, input, field));
    return value === MISSING ? undefined : value;
  }

  /** The time a JSONPath-mode Wait state waits until. */
  waitUntil(run: StateRun, input: Json): number {
    const def = run.def;
    const now = this.execution.now();
    if (typeof def.Seconds === 'number') return now + def.Seconds * 1000;
    if (typeof def.Timestamp === 'string') {
      const at = parseTimestamp(def.Timestamp);
      if (at === undefined) throw new FieldError(RUNTIME, `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${def.Timestamp}`);
      return at;
    }
    if (typeof def.SecondsPath === 'string') {
      const value = this.lookup(run, def.SecondsPath, input, 'SecondsPath');
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw new FieldError(RUNTIME, `The SecondsPath parameter cannot be parsed as a long value: ${def.SecondsPath} == ${plain(value)}`);
      }
      if (value < 0) throw new FieldError(RUNTIME, `The SecondsPath parameter references a negative value: ${def.SecondsPath} == ${value}`);
      return now + value * 1000;
    }
    if (typeof def.TimestampPath === 'string') {
      const value = this.lookup(run, def.TimestampPath, input, 'TimestampPath');
      const at = parseTimestamp(value);
      if (at === undefined) {
        throw new FieldError(RUNTIME, `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${def.TimestampPath} == ${plain(value)}`);
      }
      return at;
    }
    throw new FieldError(RUNTIME, 'A Wait state needs one of `Seconds`, `SecondsPath`, `Timestamp` or `TimestampPath`.');
  }

  /** `TimeoutSecondsPath`/`HeartbeatSecondsPath`: a positive integer. */
  positiveIntegerAt(run: StateRun, text: string, input: Json, field: string): number {
    const value = this.lookup(run, text, input, field);
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw new FieldError(RUNTIME, `The ${field} field refers to value "${plain(value)}" which is not a valid positive integer: ${text}`);
    }
    return value;
  }

  private integerAt(run: StateRun, text: string, input: Json, field: string, kind: 'integer' | 'float'): number {
    let value = this.lookup(run, text, input, field);
    // A number written as a string is read as that number, as AWS does.
    if (typeof value === 'string' && (kind === 'integer' ? /^-?\d+$/ : /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/).test(value.trim())) value = Number(value);
    if (typeof value !== 'number' || (kind === 'integer' && !Number.isInteger(value))) {
      throw new FieldError(RUNTIME, `The ${field} field refers to value "${plain(value)}" which is not a valid ${kind}: ${text}`);
    }
    return value;
  }

  /** A Map state's MaxConcurrency (0: no limit), in either query language. */
  async maxConcurrency(run: StateRun, input: Json): Promise<number> {
    const value = await this.mapNumber(run, input, 'MaxConcurrency', 'integer');
    if (value === undefined) return 0;
    if (value < 0) throw new FieldError(RUNTIME, 'MaxConcurrency cannot be negative.');
    return value;
  }

  /** A Map state's tolerated failure thresholds, in either query language. */
  async toleratedFailures(run: StateRun, input: Json): Promise<ToleratedFailures> {
    const settings: ToleratedFailures = {};
    const count = await this.mapNumber(run, input, 'ToleratedFailureCount', 'integer');
    if (count !== undefined) {
      if (count < 0) throw new FieldError(RUNTIME, 'ToleratedFailureCount cannot be negative.');
      settings.toleratedFailureCount = count;
    }
    const percentage = await this.mapNumber(run, input, 'ToleratedFailurePercentage', 'float');
    if (percentage !== undefined) {
      if (percentage < 0 || percentage > 100) throw new FieldError(RUNTIME, 'ToleratedFailurePercentage must be between 0 and 100.');
      settings.toleratedFailurePercentage = percentage;
    }
    return settings;
  }

  private async mapNumber(run: StateRun, input: Json, field: 'MaxConcurrency' | 'ToleratedFailureCount' | 'ToleratedFailurePercentage', kind: 'integer' | 'float'): Promise<number | undefined> {
    const def = run.def;
    const pathField = `${field}Path`;
    if (!run.jsonata && typeof def[pathField] === 'string') return this.integerAt(run, def[pathField] as string, input, pathField, kind);
    const raw = def[field];
    if (raw === undefined) return undefined;
    const value = run.jsonata ? await this.execution.jsonataField(run, raw, field) : raw;
    if (typeof value !== 'number' || (kind === 'integer' && !Number.isInteger(value))) {
      throw new FieldError(run.jsonata ? QUERY_EVALUATION : RUNTIME, `The field '${field}' must be ${kind === 'integer' ? 'an integer' : 'a number'}, but was ${toJsonText(value)}.`);
    }
    return value;
  }

  async batcherSettings(run: StateRun, batcher: JsonObject, input: Json): Promise<BatcherSettings> {
    const settings: BatcherSettings = {};
    const read = async (field: string): Promise<Json | undefined> => {
      if (!run.jsonata && typeof batcher[`${field}Path`] === 'string') return this.integerAt(run, batcher[`${field}Path`] as string, input, `${field}Path`, 'integer');
      const raw = batcher[field];
      if (raw === undefined) return undefined;
      return run.jsonata ? evaluateTemplate(raw, `ItemBatcher/${field}`, this.execution.jsonataScope(run)) : raw;
    };
    const maxItems = await read('MaxItemsPerBatch');
    if (typeof maxItems === 'number') settings.maxItems = maxItems;
    const maxBytes = await read('MaxInputBytesPerBatch');
    if (typeof maxBytes === 'number') settings.maxBytes = maxBytes;
    if (batcher.BatchInput !== undefined) {
      settings.batchInput = run.jsonata
        ? await this.execution.jsonataField(run, batcher.BatchInput, 'ItemBatcher/BatchInput')
        : this.payload(run, batcher.BatchInput, input, 'BatchInput');
    }
    return settings;
  }
}

/** A value as AWS prints it after `==` or inside quotes: strings raw, the rest as JSON. */
function plain(value: Json): string {
  return typeof value === 'string' ? value : toJsonText(value);
}
