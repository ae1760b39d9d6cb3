/** How the structural diagnostics name scopes and lists of states in their messages. */
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

/** How many names a message lists before it says "and N more". */
const NAMES_IN_MESSAGE = 5;

/** "`A`", "`A` and `B`", "`A`, `B` and `C`", "`A`, `B`, `C`, `D`, `E` and 3 more". */
export function listNames(names: readonly string[], total = names.length): string {
  const quoted = names.slice(0, NAMES_IN_MESSAGE).map((name) => `\`${name}\``);
  if (total > quoted.length) return `${quoted.join(', ')} and ${total - quoted.length} more`;
  if (quoted.length === 1) return quoted[0];
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
