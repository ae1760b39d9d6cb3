/**
 * The JSONata functions a Step Functions expression may call, with a signature and a one-line
 * description for completion and hover. Sources: the JSONata 2.0 function library documentation
 * (docs.jsonata.org) and "Transforming data with JSONata" in the AWS Step Functions developer guide
 * for the functions Step Functions adds.
 */

export interface JsonataFunctionDoc {
  /** The name without the `$`. */
  name: string;
  /** Parameters as shown in the signature; `?` marks an optional one. */
  parameters: readonly string[];
  description: string;
  /** Set for the functions Step Functions adds to JSONata (or redefines, like `$random`). */
  stepFunctions?: true;
}

const F = (name: string, parameters: string[], description: string): JsonataFunctionDoc => ({ name, parameters, description });
const SFN = (name: string, parameters: string[], description: string): JsonataFunctionDoc => ({
  name,
  parameters,
  description,
  stepFunctions: true,
});

export const JSONATA_FUNCTION_DOCS: readonly JsonataFunctionDoc[] = [
  // Strings
  F('string', ['arg', 'prettify?'], 'Casts `arg` to a string; objects and arrays become JSON text (indented when `prettify` is true).'),
  F('length', ['str'], 'The number of characters in `str`.'),
  F('substring', ['str', 'start', 'length?'], 'The part of `str` from position `start` (zero-based; negative counts from the end), at most `length` characters long.'),
  F('substringBefore', ['str', 'chars'], 'The part of `str` before the first occurrence of `chars`, or all of `str` when it does not occur.'),
  F('substringAfter', ['str', 'chars'], 'The part of `str` after the first occurrence of `chars`, or all of `str` when it does not occur.'),
  F('uppercase', ['str'], '`str` with every character in upper case.'),
  F('lowercase', ['str'], '`str` with every character in lower case.'),
  F('trim', ['str'], '`str` with leading and trailing whitespace removed and inner runs of whitespace collapsed to one space.'),
  F('pad', ['str', 'width', 'char?'], '`str` padded with `char` (a space by default) to `width` characters: on the right for a positive width, on the left for a negative one.'),
  F('contains', ['str', 'pattern'], 'Whether `str` contains `pattern`, a string or a regular expression.'),
  F('split', ['str', 'separator', 'limit?'], 'The array of the parts of `str` between occurrences of `separator` (a string or a regular expression), at most `limit` of them.'),
  F('join', ['array', 'separator?'], 'The strings of `array` joined into one string, with `separator` (empty by default) between them.'),
  F('match', ['str', 'pattern', 'limit?'], 'The matches of the regular expression `pattern` in `str`: objects with `match`, `index` and `groups`.'),
  F('replace', ['str', 'pattern', 'replacement', 'limit?'], '`str` with the occurrences of `pattern` (a string or a regular expression) replaced by `replacement` (a string or a function).'),
  F('eval', ['expr', 'context?'], 'Parses and evaluates the JSONata expression in the string `expr`, against `context` when given.'),
  F('base64encode', ['str'], '`str` encoded in Base64.'),
  F('base64decode', ['str'], 'The string that the Base64 text `str` encodes.'),
  F('encodeUrlComponent', ['str'], '`str` encoded as a URL component (like `encodeURIComponent`).'),
  F('encodeUrl', ['str'], '`str` encoded as a URL (like `encodeURI`).'),
  F('decodeUrlComponent', ['str'], 'Decodes a URL component encoded by `$encodeUrlComponent`.'),
  F('decodeUrl', ['str'], 'Decodes a URL encoded by `$encodeUrl`.'),
  // Numbers
  F('number', ['arg'], 'Casts `arg` to a number: numeric strings (including hexadecimal, octal and binary literals) and booleans are converted.'),
  F('abs', ['number'], 'The absolute value of `number`.'),
  F('floor', ['number'], '`number` rounded down to the nearest integer.'),
  F('ceil', ['number'], '`number` rounded up to the nearest integer.'),
  F('round', ['number', 'precision?'], '`number` rounded to `precision` decimal places (0 by default), halves to even.'),
  F('power', ['base', 'exponent'], '`base` raised to the power `exponent`.'),
  F('sqrt', ['number'], 'The square root of `number`.'),
  F('formatNumber', ['number', 'picture', 'options?'], '`number` formatted as a string by the XPath picture string `picture`, e.g. `#,##0.00`.'),
  F('formatBase', ['number', 'radix?'], '`number` written in base `radix` (2 to 36, 10 by default).'),
  F('formatInteger', ['number', 'picture'], '`number` formatted as a string by the XPath picture string `picture`, e.g. `w` for words or `I` for Roman numerals.'),
  F('parseInteger', ['string', 'picture'], 'The integer that `string` writes in the format of the XPath picture string `picture`.'),
  // Aggregation
  F('sum', ['array'], 'The sum of the numbers in `array`.'),
  F('max', ['array'], 'The largest number in `array`.'),
  F('min', ['array'], 'The smallest number in `array`.'),
  F('average', ['array'], 'The mean of the numbers in `array`.'),
  F('count', ['array'], 'The number of items in `array` (1 for a single value, 0 for nothing).'),
  // Booleans
  F('boolean', ['arg'], 'Casts `arg` to a boolean: empty strings, arrays and objects, 0 and null are false.'),
  F('not', ['arg'], 'The negation of `arg` cast to a boolean.'),
  F('exists', ['arg'], 'Whether `arg` evaluates to a value (true even for null or false; false only when nothing matched).'),
  // Arrays
  F('append', ['array1', 'array2'], 'One array with the items of `array1` followed by those of `array2`.'),
  F('reverse', ['array'], 'The items of `array` in reverse order.'),
  F('shuffle', ['array'], 'The items of `array` in a random order.'),
  F('sort', ['array', 'function?'], 'The items of `array` sorted, by `function($l, $r)` (true when `$l` goes after `$r`) when given.'),
  F('distinct', ['array'], 'The items of `array` with duplicates removed.'),
  F('zip', ['array1', '...arrays'], 'An array of arrays: the first items of every array, then the second items, and so on.'),
  // Objects
  F('keys', ['object'], 'The keys of `object` (of all objects, for an array of objects).'),
  F('lookup', ['object', 'key'], 'The value of `key` in `object`.'),
  F('spread', ['object'], 'An array of one-key objects, one per key of `object`.'),
  F('merge', ['array'], 'One object with the keys of every object of `array`; later ones win.'),
  F('sift', ['object', 'function'], 'The key/value pairs of `object` for which `function($value, $key)` is true.'),
  F('each', ['object', 'function'], 'An array of the results of `function($value, $key)` for each key of `object`.'),
  F('error', ['message'], 'Stops evaluation with an error carrying `message`.'),
  F('assert', ['condition', 'message'], 'Stops evaluation with an error carrying `message` when `condition` is false.'),
  F('type', ['value'], 'The JSON type of `value`: `null`, `number`, `string`, `boolean`, `array`, `object` or `function`.'),
  F('clone', ['value'], 'A deep copy of `value`.'),
  // Dates and times
  F('now', ['picture?', 'timezone?'], 'The time the expression started evaluating, as an ISO 8601 timestamp (formatted by `picture` when given).'),
  F('millis', [], 'The time the expression started evaluating, in milliseconds since the Unix epoch.'),
  F('fromMillis', ['number', 'picture?', 'timezone?'], 'The timestamp `number` milliseconds after the Unix epoch, as an ISO 8601 string (formatted by `picture` when given).'),
  F('toMillis', ['timestamp', 'picture?'], 'The milliseconds since the Unix epoch of the ISO 8601 `timestamp` (parsed by `picture` when given).'),
  // Higher-order functions
  F('map', ['array', 'function'], 'An array of the results of `function($value, $index, $array)` for each item of `array`.'),
  F('filter', ['array', 'function'], 'The items of `array` for which `function($value, $index, $array)` is true.'),
  F('single', ['array', 'function?'], 'The one item of `array` that satisfies `function`; an error when none or several do.'),
  F('reduce', ['array', 'function', 'init?'], 'Folds `array` into one value: `function($accumulator, $value)` is applied to each item in turn, starting from `init`.'),
  // Added by Step Functions
  SFN('partition', ['array', 'chunkSize'], 'Splits `array` into arrays of `chunkSize` items (the last one may be shorter), like `States.ArrayPartition`.'),
  SFN('range', ['start', 'end', 'step'], 'The array of numbers from `start` to `end` (included) by `step`, like `States.ArrayRange`.'),
  SFN('hash', ['data', 'algorithm'], 'The hash of the string `data` with `algorithm`: `MD5`, `SHA-1`, `SHA-256`, `SHA-384` or `SHA-512`, like `States.Hash`.'),
  SFN('random', ['seed?'], 'A random number between 0 (included) and 1 (excluded); with an integer `seed`, the same number for the same seed.'),
  SFN('uuid', [], 'A random version 4 UUID, like `States.UUID`.'),
  SFN('parse', ['jsonString'], 'The JSON value the string `jsonString` holds, like `States.StringToJson`.'),
];

const BY_NAME = new Map(JSONATA_FUNCTION_DOCS.map((doc) => [doc.name, doc]));

export function jsonataFunctionDoc(name: string): JsonataFunctionDoc | undefined {
  return BY_NAME.get(name);
}

/** `$substring(str, start, length?)`. */
export function jsonataSignature(doc: JsonataFunctionDoc): string {
  return `$${doc.name}(${doc.parameters.join(', ')})`;
}
