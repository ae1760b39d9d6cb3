/** The interpreter's entry points. */
import { parseAsl } from '../asl/parse';
import type { AslDocument } from '../asl/model';
import { Execution } from './engine';
import type { ExecutionOptions, ExecutionResult } from './types';

export { Execution } from './engine';
export { VirtualClock, RealClock } from './clock';
export { ExecutionInputTooLarge } from './errors';
export { seeded } from './intrinsics';
export type * from './types';

/** Parses (when given text) and runs a state machine to its end. */
export function execute(definition: string | AslDocument, options: ExecutionOptions = {}): Promise<ExecutionResult> {
  const document = typeof definition === 'string' ? parseAsl(definition) : definition;
  return new Execution(document, options).run();
}
