/**
 * A rule is a small, pluggable check over the ASL model. It reports problems against spans of the
 * text (offsets); the service turns them into ranges at the edge.
 */
import type { AslDocument, TextSpan } from '../asl/model';
import type { RuleCode } from './ruleCodes';

export interface RelatedSpan extends TextSpan {
  message: string;
}

export interface AslDiagnostic extends TextSpan {
  code: RuleCode;
  message: string;
  /** Machine-readable facts for quick fixes, e.g. `{ suggestions: ["Ship"] }`. */
  data?: Record<string, unknown>;
  related?: RelatedSpan[];
}

export interface Problem extends TextSpan {
  message: string;
  data?: Record<string, unknown>;
  related?: RelatedSpan[];
}

export interface RuleContext {
  readonly doc: AslDocument;
  report(code: RuleCode, problem: Problem): void;
}

export interface Rule {
  /** A name for logs when the rule itself fails. */
  readonly name: string;
  /** The codes this rule may report. */
  readonly codes: readonly RuleCode[];
  check(context: RuleContext): void;
}

/** The span of a JSON node. */
export function spanOf(node: { offset: number; length: number }): TextSpan {
  return { offset: node.offset, length: node.length };
}
