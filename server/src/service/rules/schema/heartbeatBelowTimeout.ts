/**
 * `invalid-value`: a Task state's `HeartbeatSeconds` that is not lower than its `TimeoutSeconds`.
 * AWS requires the heartbeat timeout to be below the task timeout, and rejects the definition
 * otherwise. Only literal numbers are compared: paths and JSONata expressions are known at run time.
 */
import { getPropertyValue } from '../../../asl/jsonNode';
import { spanOf, type Rule } from '../../rule';

export const heartbeatBelowTimeoutRule: Rule = {
  name: 'heartbeat-below-timeout',
  codes: ['invalid-value'],
  checkState(state, { report }) {
    if (state.type !== 'Task') return;
    const heartbeat = getPropertyValue(state.node, 'HeartbeatSeconds');
    const timeout = getPropertyValue(state.node, 'TimeoutSeconds');
    if (heartbeat?.type !== 'number' || timeout?.type !== 'number') return;
    if ((heartbeat.value as number) < (timeout.value as number)) return;
    report('invalid-value', {
      ...spanOf(heartbeat),
      message: `\`HeartbeatSeconds\` (${heartbeat.value}) must be lower than \`TimeoutSeconds\` (${timeout.value}).`,
      data: { field: 'HeartbeatSeconds', limit: timeout.value },
      related: [{ ...spanOf(timeout), message: '`TimeoutSeconds` is set here.' }],
    });
  },
};
