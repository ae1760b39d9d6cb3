// Injected into each CommonJS bundle: `import.meta.url` for the ESM dependencies that read it.
export const importMetaUrl = require('url').pathToFileURL(__filename).href;
