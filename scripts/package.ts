/** `npm run package`: builds the .vsix and says how big it is. */
import * as path from 'node:path';
import { formatBytes, packageExtension, ROOT } from './vsix';

const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : undefined;
const packaged = packageExtension(out);
console.log(`${path.relative(ROOT, packaged.file)}: ${formatBytes(packaged.bytes)} (${packaged.bytes} bytes, ${packaged.files.length} files)`);
