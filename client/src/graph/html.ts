/**
 * The graph preview's HTML page. Kept free of VS Code APIs so the tests load the very page, with
 * the very Content-Security-Policy, the extension gives the webview.
 */

export interface WebviewAssets {
  /** The webview's `cspSource`: the origin its local resources are served from. */
  cspSource: string;
  /** A fresh random value per page: only scripts carrying it run. */
  nonce: string;
  script: string;
  style: string;
  /** ELK's layout worker (`elk-worker.min.js`): the page fetches it and starts it from a `blob:` URL. */
  layoutWorker: string;
}

/**
 * Only our bundled script runs (no inline script, no `eval`), only our stylesheet styles, images are
 * ours or made by the page (PNG export draws the SVG through a `blob:` image), the one fetch is the
 * layout worker's code, and the worker runs from a `blob:` URL: a webview cannot start a worker
 * from its resource origin directly.
 */
export function contentSecurityPolicy(assets: Pick<WebviewAssets, 'cspSource' | 'nonce'>): string {
  const { cspSource, nonce } = assets;
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} blob: data:`,
    `font-src ${cspSource}`,
    `connect-src ${cspSource}`,
    'worker-src blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function webviewHtml(assets: WebviewAssets): string {
  const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(assets))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attribute(assets.style)}">
<title>Graph preview</title>
</head>
<body data-layout-worker="${attribute(assets.layoutWorker)}">
<script nonce="${attribute(assets.nonce)}" src="${attribute(assets.script)}"></script>
</body>
</html>
`;
}

/** A nonce of 128 random bits, in hex. */
export function createNonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
