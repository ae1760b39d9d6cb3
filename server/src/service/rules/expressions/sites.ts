/**
 * Where expressions live in a state: the JSONPath path fields, the payload templates whose `.$`
 * keys hold paths and intrinsic calls, and the fields whose `{% %}` strings are JSONata. Rules walk
 * these instead of the whole tree, so that literal data (a Pass `Result`, a `Comment`) is never read
 * as an expression.
 *
 * The tables do not say which state type may hold which field: that is the schema rules' job. A
 * `TimestampPath` on a Task is reported there; here it is still a path and its syntax is checked.
 */
import { looksLikeIntrinsic } from '../../../asl/intrinsics';
import { getPropertyValue, properties } from '../../../asl/jsonNode';
import type { AslDocument, JsonNode, State } from '../../../asl/model';

/**
 * The expression sites of one state, found once and shared by the rules that read them (each would
 * otherwise walk the same templates again).
 */
export class StateSites {
  private pathList?: PathSite[];
  private templateList?: TemplateWithEntries[];
  private jsonataList?: JsonataValue[];

  constructor(private readonly state: State) {}

  /** `pathSites` of the state. */
  get paths(): PathSite[] {
    return (this.pathList ??= pathSites(this.state));
  }

  /** `payloadTemplates` of the state, each with its `templateEntries`. */
  get templates(): TemplateWithEntries[] {
    return (this.templateList ??= payloadTemplates(this.state).map((template) => ({ ...template, entries: templateEntries(template.node) })));
  }

  /** `jsonataValues` of the state, each with its `stringNodes` and `templateEntries`. */
  get jsonata(): JsonataValue[] {
    return (this.jsonataList ??= jsonataValues(this.state).map((site) => ({
      ...site,
      strings: stringNodes(site.node),
      entries: templateEntries(site.node),
    })));
  }
}

export interface TemplateWithEntries extends TemplateSite {
  entries: TemplateEntry[];
}

export interface JsonataValue extends JsonataSite {
  strings: JsonNode[];
  entries: TemplateEntry[];
}

/** By document, then state: versions of a document may share their states (see `updateAsl`). */
const sitesByDocument = new WeakMap<AslDocument, WeakMap<State, StateSites>>();

/** The expression sites of a state of `doc`. */
export function sitesOf(doc: AslDocument, state: State): StateSites {
  let byState = sitesByDocument.get(doc);
  if (!byState) sitesByDocument.set(doc, (byState = new WeakMap()));
  let sites = byState.get(state);
  if (!sites) byState.set(state, (sites = new StateSites(state)));
  return sites;
}

export interface PathFieldSpec {
  /** Must be a reference path (a single node: no filters, wildcards, slices, unions, `..`). */
  reference: boolean;
  /** May also hold an intrinsic function call (`ErrorPath`, `CausePath`). */
  intrinsic?: boolean;
  /** The path is written to, not read (`ResultPath`): it must be under `$`, not `$$` or a variable. */
  writes?: boolean;
}

/** Path fields at the level of the state. */
export const STATE_PATH_FIELDS: Readonly<Record<string, PathFieldSpec>> = {
  InputPath: { reference: false },
  OutputPath: { reference: false },
  ResultPath: { reference: true, writes: true },
  ItemsPath: { reference: true },
  TimeoutSecondsPath: { reference: true },
  HeartbeatSecondsPath: { reference: true },
  SecondsPath: { reference: true },
  TimestampPath: { reference: true },
  ErrorPath: { reference: true, intrinsic: true },
  CausePath: { reference: true, intrinsic: true },
  MaxConcurrencyPath: { reference: true },
  ToleratedFailurePercentagePath: { reference: true },
  ToleratedFailureCountPath: { reference: true },
};

/** Path fields of `ItemBatcher`. */
export const ITEM_BATCHER_PATH_FIELDS = ['MaxItemsPerBatchPath', 'MaxInputBytesPerBatchPath'] as const;

/** The Choice comparison operators whose value is a path to compare with. */
export const CHOICE_PATH_OPERATORS: ReadonlySet<string> = new Set([
  'StringEqualsPath', 'StringLessThanPath', 'StringGreaterThanPath', 'StringLessThanEqualsPath', 'StringGreaterThanEqualsPath',
  'NumericEqualsPath', 'NumericLessThanPath', 'NumericGreaterThanPath', 'NumericLessThanEqualsPath', 'NumericGreaterThanEqualsPath',
  'BooleanEqualsPath',
  'TimestampEqualsPath', 'TimestampLessThanPath', 'TimestampGreaterThanPath', 'TimestampLessThanEqualsPath', 'TimestampGreaterThanEqualsPath',
]);

/** Choice comparison operators with a literal value, and the boolean combinators. */
export const CHOICE_VALUE_OPERATORS: ReadonlySet<string> = new Set([
  'StringEquals', 'StringLessThan', 'StringGreaterThan', 'StringLessThanEquals', 'StringGreaterThanEquals', 'StringMatches',
  'NumericEquals', 'NumericLessThan', 'NumericGreaterThan', 'NumericLessThanEquals', 'NumericGreaterThanEquals',
  'BooleanEquals',
  'TimestampEquals', 'TimestampLessThan', 'TimestampGreaterThan', 'TimestampLessThanEquals', 'TimestampGreaterThanEquals',
  'IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp',
  'And', 'Or', 'Not',
]);

export interface PathSite {
  /** The field name, e.g. `ResultPath`, `Variable`, `StringEqualsPath`. */
  field: string;
  spec: PathFieldSpec;
  key: JsonNode;
  value: JsonNode;
}

/** Every path field of a state, nested ones (catchers, Choice rules, `ItemBatcher`, `ItemReader`) included. */
export function pathSites(state: State): PathSite[] {
  const sites: PathSite[] = [];
  const node = state.node;
  for (const [field, value, property] of properties(node)) {
    const spec = STATE_PATH_FIELDS[field];
    if (spec && value) sites.push({ field, spec, key: property.children![0], value });
  }
  for (const catcher of arrayItems(getPropertyValue(node, 'Catch'))) {
    for (const [field, value, property] of properties(catcher)) {
      if (field === 'ResultPath' && value) sites.push({ field, spec: STATE_PATH_FIELDS.ResultPath, key: property.children![0], value });
    }
  }
  for (const [field, value, property] of properties(getPropertyValue(node, 'ItemBatcher'))) {
    if ((ITEM_BATCHER_PATH_FIELDS as readonly string[]).includes(field) && value) {
      sites.push({ field, spec: { reference: true }, key: property.children![0], value });
    }
  }
  const readerConfig = getPropertyValue(getPropertyValue(node, 'ItemReader'), 'ReaderConfig');
  for (const [field, value, property] of properties(readerConfig)) {
    if (field === 'MaxItemsPath' && value) sites.push({ field, spec: { reference: true }, key: property.children![0], value });
  }
  for (const rule of choiceRules(state)) {
    for (const [field, value, property] of properties(rule.node)) {
      if (!value) continue;
      if (field === 'Variable' || CHOICE_PATH_OPERATORS.has(field)) {
        sites.push({ field, spec: { reference: true }, key: property.children![0], value });
      }
    }
  }
  return sites;
}

export interface ChoiceRuleSite {
  node: JsonNode;
  /** A rule directly in `Choices` (which may carry `Next`, `Assign`, `Output`), not one nested in `And`/`Or`/`Not`. */
  topLevel: boolean;
}

/** The Choice rules of a Choice state, nested `And`/`Or`/`Not` rules included. */
export function choiceRules(state: State): ChoiceRuleSite[] {
  const rules: ChoiceRuleSite[] = [];
  if (state.type !== 'Choice') return rules;
  const visit = (node: JsonNode, topLevel: boolean, depth: number) => {
    if (node.type !== 'object' || depth > 100) return;
    rules.push({ node, topLevel });
    for (const key of ['And', 'Or']) {
      for (const child of arrayItems(getPropertyValue(node, key))) visit(child, false, depth + 1);
    }
    const not = getPropertyValue(node, 'Not');
    if (not) visit(not, false, depth + 1);
  };
  for (const rule of arrayItems(getPropertyValue(state.node, 'Choices'))) visit(rule, true, 0);
  return rules;
}

export interface TemplateSite {
  /** The field that holds the template, e.g. `Parameters`, `Catch[0].Assign`. */
  field: string;
  node: JsonNode;
}

/** The JSONPath payload templates of a state: the values whose `.$` keys are evaluated. */
export function payloadTemplates(state: State): TemplateSite[] {
  const sites: TemplateSite[] = [];
  const node = state.node;
  for (const field of ['Parameters', 'ResultSelector', 'ItemSelector', 'Credentials', 'Assign']) {
    const value = getPropertyValue(node, field);
    if (value) sites.push({ field, node: value });
  }
  arrayItems(getPropertyValue(node, 'Catch')).forEach((catcher, index) => {
    const assign = getPropertyValue(catcher, 'Assign');
    if (assign) sites.push({ field: `Catch[${index}].Assign`, node: assign });
  });
  choiceRules(state).forEach((rule) => {
    const assign = rule.topLevel ? getPropertyValue(rule.node, 'Assign') : undefined;
    if (assign) sites.push({ field: 'Choices[].Assign', node: assign });
  });
  const nested: [string, string][] = [
    ['ItemReader', 'Parameters'],
    ['ResultWriter', 'Parameters'],
    ['ItemBatcher', 'BatchInput'],
  ];
  for (const [parent, field] of nested) {
    const value = getPropertyValue(getPropertyValue(node, parent), field);
    if (value) sites.push({ field: `${parent}.${field}`, node: value });
  }
  return sites;
}

/** A `key: value` pair inside a payload template, at any depth. */
export interface TemplateEntry {
  key: string;
  keyNode: JsonNode;
  value: JsonNode | undefined;
}

/**
 * Every property of a template, nested objects and objects inside arrays included. The value of a
 * `.$` key is an expression, so its contents are not walked further.
 */
export function templateEntries(template: JsonNode): TemplateEntry[] {
  const entries: TemplateEntry[] = [];
  const stack: JsonNode[] = [template];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'array') {
      for (const child of node.children ?? []) stack.push(child);
    } else if (node.type === 'object') {
      for (const [key, value, property] of properties(node)) {
        entries.push({ key, keyNode: property.children![0], value });
        if (value && !key.endsWith('.$')) stack.push(value);
      }
    }
  }
  return entries.sort((a, b) => a.keyNode.offset - b.keyNode.offset);
}

/** The fields of a JSONata state whose strings are evaluated when they are `{% %}` expressions. */
export const JSONATA_STATE_FIELDS: readonly string[] = [
  'Arguments', 'Output', 'Assign', 'Items', 'ItemSelector', 'Credentials',
  'TimeoutSeconds', 'HeartbeatSeconds', 'Seconds', 'Timestamp', 'Error', 'Cause',
  'MaxConcurrency', 'ToleratedFailurePercentage', 'ToleratedFailureCount', 'ItemBatcher',
];

export interface JsonataSite {
  /** The field that holds the value, e.g. `Output`, `Choices[].Condition`. */
  field: string;
  node: JsonNode;
}

/** The values of a JSONata state that Step Functions evaluates, nested fields included. */
export function jsonataValues(state: State): JsonataSite[] {
  const sites: JsonataSite[] = [];
  const node = state.node;
  for (const field of JSONATA_STATE_FIELDS) {
    const value = getPropertyValue(node, field);
    if (value) sites.push({ field, node: value });
  }
  for (const parent of ['ItemReader', 'ResultWriter']) {
    const container = getPropertyValue(node, parent);
    for (const [field, value] of properties(container)) {
      if (value && field !== 'Resource' && field !== 'Comment') sites.push({ field: `${parent}.${field}`, node: value });
    }
  }
  for (const catcher of arrayItems(getPropertyValue(node, 'Catch'))) {
    for (const field of ['Output', 'Assign']) {
      const value = getPropertyValue(catcher, field);
      if (value) sites.push({ field: `Catch[].${field}`, node: value });
    }
  }
  for (const rule of choiceRules(state)) {
    for (const field of ['Condition', 'Output', 'Assign']) {
      const value = getPropertyValue(rule.node, field);
      if (value) sites.push({ field: `Choices[].${field}`, node: value });
    }
  }
  return sites;
}

/** Every string node in a value, at any depth (object keys excluded). */
export function stringNodes(value: JsonNode): JsonNode[] {
  const found: JsonNode[] = [];
  const stack: JsonNode[] = [value];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'string') {
      found.push(node);
    } else if (node.type === 'array') {
      for (const child of node.children ?? []) stack.push(child);
    } else if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const child = property.children?.[1];
        if (child) stack.push(child);
      }
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

export function arrayItems(node: JsonNode | undefined): JsonNode[] {
  return node?.type === 'array' ? node.children ?? [] : [];
}

/**
 * Whether a string holds a template substitution (`${FnArn}`, `${AWS::Partition}`) that a
 * deployment tool (CloudFormation, SAM, CDK, Terraform, Serverless) replaces before AWS sees the
 * definition. Such strings are not checked: the substituted text may well be valid.
 */
export function hasSubstitution(value: string): boolean {
  const open = value.indexOf('${');
  return open >= 0 && value.indexOf('}', open + 2) > open;
}

/** How a string in a JSONPath expression position is meant to be read. */
export type JsonPathValueKind = 'substitution' | 'intrinsic' | 'path' | 'other';

export function jsonPathValueKind(value: string): JsonPathValueKind {
  if (hasSubstitution(value)) return 'substitution';
  if (value.startsWith('$')) return 'path';
  if (looksLikeIntrinsic(value)) return 'intrinsic';
  return 'other';
}
