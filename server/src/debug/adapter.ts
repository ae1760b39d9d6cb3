/** The debug adapter over stdio: `node dist/debugAdapter.js` (the extension runs the same session inline). */
import { DebugSession } from '@vscode/debugadapter';
import { AslDebugSession } from './session';

DebugSession.run(AslDebugSession);
