/**
 * What the 18 intrinsic functions compute, with AWS's results, keyed by the names of the shared table
 * (`asl/intrinsics.ts`, which also gives the parser). Failures are `States.IntrinsicFailure` with a
 * cause that names the function and the offending argument.
 */
import { createHash } from 'node:crypto';
import type { Json, JsonObject, RandomSource } from './types';
import { deepEqual, typeName } from './json';
import { StatesError, INTRINSIC_FAILURE } from './errors';
import type { IntrinsicArgument, IntrinsicCall } from '../asl/intrinsics';

export interface IntrinsicEnvironment {
  random: RandomSource;
  /** The value a path argument selects (throws the caller's runtime error when missing). */
  resolvePath(argument: Extract<IntrinsicArgument, { kind: 'path' }>): Json;
}

/** `call` is the parsed call when there is one (JSONata's `$hash` and friends have none). */
type Implementation = (args: Json[], env: IntrinsicEnvironment, call?: IntrinsicCall) => Json;

function failure(name: string, message: string): StatesError {
  return new StatesError(INTRINSIC_FAILURE, `${name}: ${message}`);
}

function arity(name: string, args: Json[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw failure(name, `expected ${expected} argument${max === 1 ? '' : 's'} but got ${args.length}`);
  }
}

function expectType<T extends Json>(name: string, args: Json[], index: number, type: string): T {
  const value = args[index];
  if (typeName(value) !== type) {
    throw failure(name, `argument ${index + 1} must be ${type === 'array' || type === 'object' ? 'an' : 'a'} ${type} but was ${typeName(value)}: ${JSON.stringify(value)}`);
  }
  return value as T;
}

function expectInteger(name: string, args: Json[], index: number): number {
  const value = args[index];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw failure(name, `argument ${index + 1} must be an integer but was ${JSON.stringify(value)}`);
  }
  return value;
}

/** Java's `Math.round`: halves round toward positive infinity. */
function javaRound(value: number): number {
  return Math.floor(value + 0.5);
}

/** How `States.Format` prints a value: strings raw, objects and arrays as Java's Map/List `toString`. */
function formatValue(value: Json): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${k}=${formatValue(v)}`).join(', ')}}`;
}

const MAX_STRING = 10_000;

export const INTRINSICS: Record<string, Implementation> = {
  'States.Format'(args, _env, call) {
    if (args.length < 1) throw failure('States.Format', 'expected a template string as first argument');
    expectType<string>('States.Format', args, 0, 'string');
    const first = call?.arguments[0];
    // The template's escapes (`\{`, `\}`) are literal braces, so work from the raw literal when there is one.
    const template = first?.kind === 'string' ? first.raw : (args[0] as string);
    let out = '';
    let used = 1;
    for (let i = 0; i < template.length; i++) {
      const c = template[i];
      if (c === '\\' && i + 1 < template.length) {
        out += template[++i];
      } else if (c === '{' && template[i + 1] === '}') {
        if (used >= args.length) throw failure('States.Format', `the template has more \`{}\` placeholders than the ${args.length - 1} argument(s) given`);
        out += formatValue(args[used++]);
        i++;
      } else {
        out += c;
      }
    }
    if (used !== args.length) throw failure('States.Format', `the template has ${used - 1} \`{}\` placeholder(s) but ${args.length - 1} argument(s) were given`);
    return out;
  },

  'States.StringToJson'(args) {
    arity('States.StringToJson', args, 1);
    const text = expectType<string>('States.StringToJson', args, 0, 'string');
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text) as Json;
    } catch (error) {
      throw failure('States.StringToJson', `argument 1 is not valid JSON: ${(error as Error).message}`);
    }
  },

  'States.JsonToString'(args) {
    arity('States.JsonToString', args, 1);
    return JSON.stringify(args[0]);
  },

  'States.Array'(args) {
    return args.slice();
  },

  'States.ArrayPartition'(args) {
    arity('States.ArrayPartition', args, 2);
    const array = expectType<Json[]>('States.ArrayPartition', args, 0, 'array');
    const size = expectInteger('States.ArrayPartition', args, 1);
    if (size <= 0) throw failure('States.ArrayPartition', `the chunk size must be greater than 0 but was ${size}`);
    const out: Json[] = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  },

  'States.ArrayContains'(args) {
    arity('States.ArrayContains', args, 2);
    const array = expectType<Json[]>('States.ArrayContains', args, 0, 'array');
    return array.some((item) => deepEqual(item, args[1]));
  },

  'States.ArrayRange'(args) {
    arity('States.ArrayRange', args, 3);
    const start = expectInteger('States.ArrayRange', args, 0);
    const end = expectInteger('States.ArrayRange', args, 1);
    const step = expectInteger('States.ArrayRange', args, 2);
    if (step === 0) throw failure('States.ArrayRange', 'the step must not be 0');
    const count = Math.floor((end - start) / step) + 1;
    if (count > 1000) throw failure('States.ArrayRange', `the range would have ${count} elements; at most 1000 are allowed`);
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(start + i * step);
    return out;
  },

  'States.ArrayGetItem'(args) {
    arity('States.ArrayGetItem', args, 2);
    const array = expectType<Json[]>('States.ArrayGetItem', args, 0, 'array');
    const index = expectInteger('States.ArrayGetItem', args, 1);
    if (index < 0 || index >= array.length) {
      throw failure('States.ArrayGetItem', `index ${index} is out of bounds for an array of length ${array.length}`);
    }
    return array[index];
  },

  'States.ArrayLength'(args) {
    arity('States.ArrayLength', args, 1);
    return expectType<Json[]>('States.ArrayLength', args, 0, 'array').length;
  },

  'States.ArrayUnique'(args) {
    arity('States.ArrayUnique', args, 1);
    const array = expectType<Json[]>('States.ArrayUnique', args, 0, 'array');
    const out: Json[] = [];
    for (const item of array) if (!out.some((seen) => deepEqual(seen, item))) out.push(item);
    return out;
  },

  'States.Base64Encode'(args) {
    arity('States.Base64Encode', args, 1);
    const text = expectType<string>('States.Base64Encode', args, 0, 'string');
    if (text.length > MAX_STRING) throw failure('States.Base64Encode', `the input is ${text.length} characters long; at most ${MAX_STRING} are allowed`);
    return Buffer.from(text, 'utf8').toString('base64');
  },

  'States.Base64Decode'(args) {
    arity('States.Base64Decode', args, 1);
    const text = expectType<string>('States.Base64Decode', args, 0, 'string');
    if (text.length > MAX_STRING) throw failure('States.Base64Decode', `the input is ${text.length} characters long; at most ${MAX_STRING} are allowed`);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw failure('States.Base64Decode', `argument 1 is not Base64: ${JSON.stringify(text)}`);
    return Buffer.from(text, 'base64').toString('utf8');
  },

  'States.Hash'(args) {
    arity('States.Hash', args, 2);
    const data = args[0];
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    if (text.length > MAX_STRING) throw failure('States.Hash', `the input is ${text.length} characters long; at most ${MAX_STRING} are allowed`);
    const algorithm = expectType<string>('States.Hash', args, 1, 'string');
    const nodeName = HASH_ALGORITHMS[algorithm];
    if (!nodeName) throw failure('States.Hash', `unsupported algorithm '${algorithm}'; use one of ${Object.keys(HASH_ALGORITHMS).join(', ')}`);
    return createHash(nodeName).update(text, 'utf8').digest('hex');
  },

  'States.JsonMerge'(args) {
    arity('States.JsonMerge', args, 3);
    const left = expectType<JsonObject>('States.JsonMerge', args, 0, 'object');
    const right = expectType<JsonObject>('States.JsonMerge', args, 1, 'object');
    const deep = expectType<boolean>('States.JsonMerge', args, 2, 'boolean');
    if (deep) throw failure('States.JsonMerge', 'only shallow merges are supported: the third argument must be false');
    return { ...left, ...right };
  },

  'States.MathRandom'(args, env) {
    arity('States.MathRandom', args, 2, 3);
    const start = expectType<number>('States.MathRandom', args, 0, 'number');
    const end = expectType<number>('States.MathRandom', args, 1, 'number');
    const low = Math.trunc(start);
    const high = Math.trunc(end);
    if (high <= low) throw failure('States.MathRandom', `the end (${end}) must be greater than the start (${start})`);
    const source = args.length === 3 ? seeded(expectInteger('States.MathRandom', args, 2)) : env.random;
    return low + Math.floor(source.next() * (high - low));
  },

  'States.MathAdd'(args) {
    arity('States.MathAdd', args, 2);
    const a = expectType<number>('States.MathAdd', args, 0, 'number');
    const b = expectType<number>('States.MathAdd', args, 1, 'number');
    return javaRound(a) + javaRound(b);
  },

  'States.StringSplit'(args) {
    arity('States.StringSplit', args, 2);
    const text = expectType<string>('States.StringSplit', args, 0, 'string');
    const delimiters = expectType<string>('States.StringSplit', args, 1, 'string');
    // Every character of the delimiter splits, and empty tokens are dropped (Java's StringTokenizer).
    const out: string[] = [];
    let token = '';
    for (const c of text) {
      if (delimiters.includes(c)) {
        if (token) out.push(token);
        token = '';
      } else {
        token += c;
      }
    }
    if (token) out.push(token);
    return out;
  },

  'States.UUID'(args, env) {
    arity('States.UUID', args, 0);
    return uuid(env.random);
  },
};

const HASH_ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** A version 4 UUID drawn from the given random source (reproducible under a seed). */
export function uuid(random: RandomSource): string {
  const hex: string[] = [];
  for (let i = 0; i < 32; i++) hex.push(Math.floor(random.next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** A small, fast, seedable generator (mulberry32). */
export function seeded(seed: number): RandomSource {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

export function evaluateIntrinsic(call: IntrinsicCall, env: IntrinsicEnvironment): Json {
  const implementation = INTRINSICS[call.name];
  if (!implementation) throw failure(call.name, `\`${call.name}\` is not an intrinsic function`);
  const args = call.arguments.map((argument) => evaluateArgument(argument, env));
  return implementation(args, env, call);
}

function evaluateArgument(argument: IntrinsicArgument, env: IntrinsicEnvironment): Json {
  switch (argument.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return argument.value;
    case 'null':
      return null;
    case 'path':
      return env.resolvePath(argument);
    case 'call':
      return evaluateIntrinsic(argument, env);
  }
}

