/**
 * The aws-local-stepfunctions side of the interpreter benchmark, run in a child process under the
 * Node version that package requires (22). The parent sends messages; each is answered with one
 * message:
 * - `{ type: 'load', id, definition, input }`: builds the state machine (its validation is not timed);
 * - `{ type: 'sample', id }`: one execution, timed here, after a garbage collection:
 *   `{ ms, cpuMs, output }`;
 * - `{ type: 'memory', id }`: the heap used (after a collection) before an execution and after it,
 *   its result still held: `{ before, after }`.
 * Failures are answered as `{ error }`.
 */
import { StateMachine } from 'aws-local-stepfunctions';

const machines = new Map();
/** Results of memory runs, held so that the heap measured after a run still contains them. */
let held;

async function answer(message) {
  switch (message.type) {
    case 'load':
      machines.set(message.id, { machine: new StateMachine(message.definition), input: message.input });
      return { version: process.version };
    case 'sample': {
      const { machine, input } = machines.get(message.id);
      globalThis.gc();
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const output = await machine.run(input).result;
      const ms = performance.now() - start;
      const cpu = process.cpuUsage(cpuStart);
      return { ms, cpuMs: (cpu.user + cpu.system) / 1000, output: message.withOutput ? output : undefined };
    }
    case 'memory': {
      const { machine, input } = machines.get(message.id);
      held = undefined;
      globalThis.gc();
      const before = process.memoryUsage().heapUsed;
      held = await machine.run(input).result;
      globalThis.gc();
      const after = process.memoryUsage().heapUsed;
      return { before, after };
    }
    default:
      throw new Error(`unknown message ${message.type}`);
  }
}

process.on('message', (message) => {
  answer(message).then(
    (reply) => process.send(reply),
    (error) => process.send({ error: error instanceof Error ? error.message : String(error) }),
  );
});
