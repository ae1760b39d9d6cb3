/**
 * Every benchmark suite, in the order `npm run bench` runs them. A new suite (graph layout,
 * interpreter, completion latency...) is a module exporting a `Suite`, listed here.
 */
import type { Suite } from '../harness';
import { editingSuite } from './editing';
import { graphSuite } from './graph';
import { interpreterSuite } from './interpreter';
import { validationSuite } from './validation';

export const SUITES: readonly Suite[] = [validationSuite, editingSuite, interpreterSuite, graphSuite];
