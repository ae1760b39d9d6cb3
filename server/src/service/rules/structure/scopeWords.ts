/** How the structural diagnostics name a scope in their messages. */
import type { Scope } from '../../../asl/model';

/** `ItemProcessor` or the legacy `Iterator`: the key that holds a Map state's processor. */
function processorKey(scope: Scope): string {
  const key = scope.path[scope.path.length - 1];
  return typeof key === 'string' ? key : 'ItemProcessor';
}

/** The scope as seen from inside it: "this state machine", "this Parallel branch", "this Map `ItemProcessor`". */
export function thisScope(scope: Scope): string {
  switch (scope.kind) {
    case 'root':
      return 'this state machine';
    case 'branch':
      return 'this Parallel branch';
    case 'processor':
      return `this Map \`${processorKey(scope)}\``;
  }
}

/** The scope as seen from elsewhere: "the top level", "a branch of Parallel state `P`", "the `ItemProcessor` of Map state `M`". */
export function scopeFromOutside(scope: Scope): string {
  const owner = scope.owner ? `\`${scope.owner.name}\`` : '';
  switch (scope.kind) {
    case 'root':
      return 'the top level of the state machine';
    case 'branch':
      return `a branch of Parallel state ${owner}`;
    case 'processor':
      return `the \`${processorKey(scope)}\` of Map state ${owner}`;
  }
}
