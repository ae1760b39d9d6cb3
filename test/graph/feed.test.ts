/**
 * What the extension sends the graph preview for a document: the graph, or while the JSON is
 * broken the banner over the last good graph; diagnostics per state; the state under the cursor;
 * the text a click on a node selects. And the page's HTML and Content-Security-Policy.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { diagnosticsMessage, GraphFeed, lineAndColumn, revealTarget, selectionMessage, updateDelay } from '../../client/src/graph/feed';
import { contentSecurityPolicy, createNonce, webviewHtml } from '../../client/src/graph/html';
import { isHostMessage } from '../../client/src/graph/protocol';
import { parseAsl } from '../../server/src/asl/parse';

const URI = 'file:///workflows/order.asl.json';
const GOOD = `{
  "StartAt": "Charge",
  "States": {
    "Charge": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Fan" },
    "Fan": {
      "Type": "Parallel",
      "Branches": [{ "StartAt": "Ship", "States": { "Ship": { "Type": "Pass", "End": true } } }],
      "End": true
    }
  }
}`;
/** A comma deleted, as while editing. */
const BROKEN = GOOD.replace('"Next": "Fan" },', '"Next": "Fan" }');

describe('graph feed: updates', () => {
  it('sends the graph of a document that parses', () => {
    const feed = new GraphFeed();
    const message = feed.update(URI, 'order.asl.json', feed.document(URI, 1, () => GOOD));
    assert.equal(message.type, 'graph');
    assert.ok(message.type === 'graph' && message.problem === undefined && message.graph.stateCount === 3);
    assert.ok(isHostMessage(message));
  });

  it('keeps the last good graph while the JSON is broken, naming the problem and where', () => {
    const feed = new GraphFeed();
    feed.update(URI, 'order.asl.json', feed.document(URI, 1, () => GOOD));
    const message = feed.update(URI, 'order.asl.json', feed.document(URI, 2, () => BROKEN));
    assert.deepEqual(message, { type: 'problem', message: 'Line 5, column 5: Comma expected. The graph shows the last version that was valid JSON.' });
    // Fixed again: a whole graph, no banner.
    const fixed = feed.update(URI, 'order.asl.json', feed.document(URI, 3, () => GOOD));
    assert.ok(fixed.type === 'graph' && fixed.problem === undefined);
  });

  it('draws what can be read of a broken document no good version of which was drawn', () => {
    const feed = new GraphFeed();
    feed.update('file:///other.asl.json', 'other.asl.json', feed.document('file:///other.asl.json', 1, () => GOOD));
    const message = feed.update(URI, 'order.asl.json', feed.document(URI, 1, () => BROKEN));
    assert.equal(message.type, 'graph');
    assert.ok(message.type === 'graph' && message.problem?.endsWith('. The graph shows what could be read.'));
    assert.ok(message.type === 'graph' && message.graph.stateCount >= 1);
    // Still broken while typing on: still a partial graph, since none was ever good.
    const again = feed.update(URI, 'order.asl.json', feed.document(URI, 2, () => `${BROKEN} `));
    assert.equal(again.type, 'graph');
  });

  it('counts the other syntax errors', () => {
    const feed = new GraphFeed();
    const message = feed.update(URI, 'x', feed.document(URI, 1, () => '{"StartAt": "A",, "States": {"A": {"Type": "Pass",, "End": true}}}'));
    assert.ok(message.type === 'graph' && /^Line 1, column 17: Property name expected \(and \d+ more syntax errors?\)\./.test(message.problem ?? ''), JSON.stringify(message));
  });

  it('sends a whole graph again after a reset (the page reloaded)', () => {
    const feed = new GraphFeed();
    feed.update(URI, 'x', feed.document(URI, 1, () => GOOD));
    feed.reset();
    assert.equal(feed.update(URI, 'x', feed.document(URI, 2, () => BROKEN)).type, 'graph');
  });

  it('waits 100 ms after typing in an ordinary workflow, longer in a large one, never over a second', () => {
    assert.equal(updateDelay(GOOD.length), 100);
    assert.equal(updateDelay(50_000), 124);
    assert.equal(updateDelay(1_200_000), 685);
    assert.equal(updateDelay(50_000_000), 1000);
  });

  it('parses each version once', () => {
    const feed = new GraphFeed();
    let reads = 0;
    const text = () => {
      reads++;
      return GOOD;
    };
    const first = feed.document(URI, 1, text);
    assert.equal(feed.document(URI, 1, text), first);
    assert.notEqual(feed.document(URI, 2, text), first);
    assert.equal(reads, 2);
  });
});

describe('graph feed: diagnostics, cursor and clicks', () => {
  const doc = parseAsl(GOOD);
  const at = (text: string) => GOOD.indexOf(text);

  it('puts each diagnostic on the innermost state holding it, with the worst severity', () => {
    const message = diagnosticsMessage(doc, [
      { offset: at('"Pass"'), severity: 'warning', message: 'Ship warning' },
      { offset: at('"Ship": {'), severity: 'error', message: 'Ship error' },
      { offset: at('"Parallel"'), severity: 'info', message: 'Fan info' },
      { offset: at('"StartAt": "Charge"'), severity: 'error', message: 'Outside any state' },
    ]);
    assert.deepEqual(message, {
      type: 'diagnostics',
      states: [
        { id: '/States/Fan/Branches/0/States/Ship', severity: 'error', messages: ['Ship warning', 'Ship error'] },
        { id: '/States/Fan', severity: 'info', messages: ['Fan info'] },
      ],
      errors: 2,
      warnings: 1,
    });
    assert.ok(isHostMessage(message));
  });

  it('names the state under the cursor, or none', () => {
    assert.deepEqual(selectionMessage(doc, at('"Resource"')), { type: 'selection', id: '/States/Charge' });
    assert.deepEqual(selectionMessage(doc, at('"Ship": {') + 2), { type: 'selection', id: '/States/Fan/Branches/0/States/Ship' });
    assert.deepEqual(selectionMessage(doc, 1), { type: 'selection', id: null });
  });

  it('selects the name of a clicked state, inside its quotes', () => {
    const target = revealTarget(doc, '/States/Fan/Branches/0/States/Ship');
    assert.ok(target);
    assert.equal(GOOD.slice(target.offset, target.offset + target.length), 'Ship');
    assert.equal(GOOD.slice(target.offset - 1, target.offset + target.length + 2), '"Ship":');
    assert.equal(revealTarget(doc, '/States/Gone'), undefined);
  });

  it('counts lines and columns from 1', () => {
    assert.deepEqual(lineAndColumn('ab\ncd\n', 0), { line: 1, column: 1 });
    assert.deepEqual(lineAndColumn('ab\ncd\n', 4), { line: 2, column: 2 });
    assert.deepEqual(lineAndColumn('ab\ncd\n', 6), { line: 3, column: 1 });
  });
});

describe('graph preview page', () => {
  const assets = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: createNonce(), script: 'https://r/main.js', style: 'https://r/main.css', layoutWorker: 'https://r/elk-worker.min.js' };

  it('allows only its own script by nonce, its own styles and resources, and workers from blob: URLs', () => {
    const policy = contentSecurityPolicy(assets);
    assert.deepEqual(policy.split('; '), [
      "default-src 'none'",
      `script-src 'nonce-${assets.nonce}'`,
      `style-src ${assets.cspSource}`,
      `img-src ${assets.cspSource} blob: data:`,
      `font-src ${assets.cspSource}`,
      `connect-src ${assets.cspSource}`,
      'worker-src blob:',
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    assert.doesNotMatch(policy, /unsafe-eval|unsafe-inline/);
  });

  it('loads one script, with the nonce, and has no inline script', () => {
    const html = webviewHtml(assets);
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0][1], '');
    assert.match(scripts[0][0], new RegExp(`nonce="${assets.nonce}" src="https://r/main.js"`));
    assert.match(html, /data-layout-worker="https:\/\/r\/elk-worker.min.js"/);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(assets)}">`));
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[0-9a-f]{32}$/);
  });
});
