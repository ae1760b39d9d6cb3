/**
 * `statecraft lint` end to end: the bundled CLI in a child process, on files in a scratch folder.
 * Output formats, severity overrides, globs, unreadable inputs and exit codes.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import packageJson from '../../package.json';
import { fixture, fixtureNames } from '../fixtures/fixtures';
import { rangeOf } from '../lsp/textRanges';
import { CLI_BUNDLE, jsonOutput, runCli, scratchFolder } from './cliRunner';

/** Valid but for one repeated key, so its output is known exactly. */
const DUPLICATE = `{
  "Comment": "first",
  "Comment": "second",
  "StartAt": "Done",
  "States": {
    "Done": { "Type": "Succeed" }
  }
}
`;

const BROKEN = '{\n  "StartAt": "Done",\n  "States": {\n';

let folder: ReturnType<typeof scratchFolder>;
let cwd: string;

before(() => {
  const files: Record<string, string> = {
    'dup.asl.json': DUPLICATE,
    'broken.asl.json': BROKEN,
    'with-bom.asl.json': `\ufeff${fixture('order-pipeline.asl.json')}`,
    'node_modules/pkg/ignored.asl.json': DUPLICATE,
  };
  for (const name of fixtureNames()) files[`defs/${name}`] = fixture(name);
  files['defs/nested/deeper/dup-nested.asl.json'] = DUPLICATE;
  folder = scratchFolder(files);
  cwd = folder.dir;
});

after(() => folder.remove());

describe('statecraft lint: text format', () => {
  it('prints compiler-style lines with 1-based positions, notes and a summary, and exits 1 on errors', () => {
    const run = runCli(['lint', 'dup.asl.json'], cwd);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(
      run.stdout,
      [
        'dup.asl.json:3:3: error duplicate-key: Duplicate key `Comment`.',
        'dup.asl.json:2:3: note: `Comment` is first defined here.',
        '',
        '1 problem (1 error) in 1 file.',
        '',
      ].join('\n'),
    );
    assert.equal(run.stderr, '');
  });

  it('prints nothing and exits 0 when every file is clean', () => {
    const run = runCli(['lint', ...fixtureNames().map((name) => `defs/${name}`)], cwd);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
  });

  it('counts problems per severity and files in the summary', () => {
    const run = runCli(['lint', 'dup.asl.json', 'defs/nested/deeper/dup-nested.asl.json', '--rule', 'duplicate-key=warning'], cwd);
    assert.equal(run.status, 0, 'warnings do not fail a run');
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines[lines.length - 1], '2 problems (2 warnings) in 2 files.');
    assert.ok(lines.includes('dup.asl.json:3:3: warning duplicate-key: Duplicate key `Comment`.'));
  });

  it('ignores a byte order mark, as editors do', () => {
    const run = runCli(['lint', 'with-bom.asl.json'], cwd);
    assert.equal(run.stdout, '');
    assert.equal(run.status, 0);
  });
});

describe('statecraft lint: json format', () => {
  it('prints exactly file, diagnostics, code, severity, message and a 0-based range', () => {
    const run = runCli(['lint', '--format', 'json', 'dup.asl.json', 'defs/order-pipeline.asl.json'], cwd);
    assert.equal(run.status, 1);
    assert.deepEqual(jsonOutput(run), [
      {
        file: 'dup.asl.json',
        diagnostics: [
          {
            code: 'duplicate-key',
            severity: 'error',
            message: 'Duplicate key `Comment`.',
            range: rangeOf(DUPLICATE, '"Comment"', 1),
          },
        ],
      },
      { file: 'defs/order-pipeline.asl.json', diagnostics: [] },
    ]);
  });

  it('sorts diagnostics by position and names severities after --rule overrides', () => {
    const run = runCli(['lint', '--format=json', '--rule=json-syntax=info', 'broken.asl.json'], cwd);
    const [result] = jsonOutput(run) as { diagnostics: { severity: string; range: { start: { line: number; character: number } } }[] }[];
    assert.ok(result.diagnostics.length > 0);
    const starts = result.diagnostics.map((d) => [d.range.start.line, d.range.start.character]);
    const sorted = [...starts].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    assert.deepEqual(starts, sorted);
    for (const diagnostic of result.diagnostics) assert.ok(['error', 'warning', 'info', 'hint'].includes(diagnostic.severity));
    assert.ok(result.diagnostics.some((d) => d.severity === 'info'), 'json-syntax reported as info');
  });
});

describe('statecraft lint: sarif format', () => {
  it('writes a SARIF 2.1.0 log with rules, results, artifacts and 1-based regions', () => {
    const run = runCli(['lint', '--format', 'sarif', 'dup.asl.json', 'defs/order-pipeline.asl.json'], cwd);
    assert.equal(run.status, 1);
    const log = jsonOutput(run);
    assertSarifShape(log);

    const [sarifRun] = log.runs;
    assert.deepEqual(sarifRun.originalUriBaseIds, { '%SRCROOT%': { uri: `${new URL(`file://${cwd}/`).href}` } });
    assert.deepEqual(
      sarifRun.artifacts.map((a: { location: unknown }) => a.location),
      [
        { uri: 'dup.asl.json', uriBaseId: '%SRCROOT%', index: 0 },
        { uri: 'defs/order-pipeline.asl.json', uriBaseId: '%SRCROOT%', index: 1 },
      ],
    );
    assert.deepEqual(sarifRun.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);

    assert.equal(sarifRun.results.length, 1);
    const [result] = sarifRun.results;
    const ruleIndex = sarifRun.tool.driver.rules.findIndex((r: { id: string }) => r.id === 'duplicate-key');
    const second = rangeOf(DUPLICATE, '"Comment"', 1);
    const first = rangeOf(DUPLICATE, '"Comment"', 0);
    const artifactLocation = { uri: 'dup.asl.json', uriBaseId: '%SRCROOT%', index: 0 };
    assert.deepEqual(result, {
      ruleId: 'duplicate-key',
      ruleIndex,
      level: 'error',
      message: { text: 'Duplicate key `Comment`.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation,
            region: {
              startLine: second.start.line + 1,
              startColumn: second.start.character + 1,
              endLine: second.end.line + 1,
              endColumn: second.end.character + 1,
            },
          },
        },
      ],
      relatedLocations: [
        {
          id: 0,
          message: { text: '`Comment` is first defined here.' },
          physicalLocation: {
            artifactLocation,
            region: { startLine: 2, startColumn: first.start.character + 1, endLine: 2, endColumn: first.end.character + 1 },
          },
        },
      ],
    });
  });

  it('uses the effective level after --rule and records unreadable files as notifications', () => {
    const run = runCli(['lint', '-f', 'sarif', '--rule', 'duplicate-key=info', 'dup.asl.json', 'missing.asl.json'], cwd);
    assert.equal(run.status, 2);
    const log = jsonOutput(run);
    assertSarifShape(log);
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.results[0].level, 'note');
    const rule = sarifRun.tool.driver.rules[sarifRun.results[0].ruleIndex];
    assert.deepEqual(rule.defaultConfiguration, { level: 'error' }, 'the default stays the default');
    assert.equal(sarifRun.invocations[0].executionSuccessful, false);
    assert.deepEqual(sarifRun.invocations[0].toolExecutionNotifications, [
      {
        level: 'error',
        message: { text: 'cannot read `missing.asl.json`: no such file' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'missing.asl.json', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
  });

  it('gives absolute paths as file URIs', () => {
    const absolute = `${cwd}/dup.asl.json`;
    const log = jsonOutput(runCli(['lint', '--format', 'sarif', absolute], cwd));
    assertSarifShape(log);
    assert.deepEqual(log.runs[0].artifacts[0].location, { uri: new URL(`file://${absolute}`).href, index: 0 });
  });
});

describe('statecraft lint: files and globs', () => {
  it('expands quoted globs, skipping node_modules, and lints each file once', () => {
    const run = runCli(['lint', '--format', 'json', '**/*.asl.json', 'dup.asl.json'], cwd);
    const files = (jsonOutput(run) as { file: string }[]).map((r) => r.file);
    // In the order of the patterns, each pattern's matches sorted; `dup.asl.json` already matched.
    const expected = [
      'broken.asl.json',
      ...fixtureNames().map((name) => `defs/${name}`),
      'defs/nested/deeper/dup-nested.asl.json',
      'dup.asl.json',
      'with-bom.asl.json',
    ].sort();
    assert.deepEqual(files, expected);
    assert.equal(run.status, 1);
  });

  it('reports a missing file on stderr, still lints the others, and exits 2', () => {
    const run = runCli(['lint', '--format', 'json', 'defs/order-pipeline.asl.json', 'missing.asl.json', 'dup.asl.json'], cwd);
    assert.equal(run.status, 2, 'exit 2 wins over the error in dup.asl.json');
    assert.equal(run.stderr, 'statecraft lint: cannot read `missing.asl.json`: no such file\n');
    const files = (jsonOutput(run) as { file: string }[]).map((r) => r.file);
    assert.deepEqual(files, ['defs/order-pipeline.asl.json', 'dup.asl.json']);
  });

  it('exits 2 for a missing file even when the other files are clean', () => {
    const run = runCli(['lint', 'defs/order-pipeline.asl.json', 'missing.asl.json'], cwd);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
  });

  it('reports a glob that matches nothing, and a folder given as a file', () => {
    const run = runCli(['lint', 'nothing/**/*.json', 'defs', 'dup.asl.json'], cwd);
    assert.equal(run.status, 2);
    assert.deepEqual(run.stderr.trimEnd().split('\n'), [
      'statecraft lint: no file matches `nothing/**/*.json`',
      'statecraft lint: `defs` is a folder; give files or a glob such as `defs/**/*.asl.json`',
    ]);
    assert.match(run.stdout, /^dup\.asl\.json:3:3: error duplicate-key/);
  });
});

describe('statecraft lint: output to a closed pipe', () => {
  it('stops quietly when the reader goes away', async () => {
    // Far more output than a pipe buffers, so that writing outlives the reader.
    const many = scratchFolder(Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`dup-${i}.asl.json`, DUPLICATE])));
    try {
      const child = spawn(process.execPath, [CLI_BUNDLE, 'lint', '--format', 'sarif', '*.asl.json'], { cwd: many.dir });
      child.stdout.once('data', () => child.stdout.destroy());
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
      assert.equal(stderr, '');
      assert.equal(status, 1, 'the exit status still reports the errors found');
    } finally {
      many.remove();
    }
  });
});

describe('statecraft lint: usage', () => {
  it('prints usage with --help, documenting formats, --rule and exit codes', () => {
    const run = runCli(['lint', '--help'], cwd);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: statecraft lint \[options\] <file or glob>\.\.\./);
    for (const text of ['--format', 'text', 'json', 'sarif', '--rule <code=severity>', 'off, info, warning, error', '2 wins over 1']) {
      assert.ok(run.stdout.includes(text), `--help mentions ${text}`);
    }
    assert.equal(run.stderr, '');
  });

  const usageErrors: [string[], RegExp][] = [
    [['--frobnicate', 'dup.asl.json'], /^statecraft lint: unknown option `--frobnicate`; see `statecraft lint --help`\n$/],
    [['--format', 'xml', 'dup.asl.json'], /^statecraft lint: unknown format `xml`; expected text, json, sarif; see/],
    [['dup.asl.json', '--format'], /^statecraft lint: --format needs a value/],
    [['--rule', 'duplicate-kye=off', 'dup.asl.json'], /^statecraft lint: unknown rule code `duplicate-kye`; did you mean `duplicate-key`\?; see/],
    [['--rule', 'duplicate-key=loud', 'dup.asl.json'], /^statecraft lint: unknown severity `loud` for `duplicate-key`; expected off, info, warning, error; see/],
    [['--rule', 'duplicate-key', 'dup.asl.json'], /^statecraft lint: --rule expects `code=severity`, got `duplicate-key`; see/],
    [[], /^statecraft lint: no file or glob given; see/],
  ];
  for (const [args, expected] of usageErrors) {
    it(`exits 2 with one line on stderr for: lint ${args.join(' ')}`, () => {
      const run = runCli(['lint', ...args], cwd);
      assert.equal(run.status, 2);
      assert.match(run.stderr, expected);
      assert.equal(run.stderr.split('\n').length, 2, 'one line');
      assert.equal(run.stdout, '', 'nothing is linted');
    });
  }

  it('answers --version, --help and an unknown command at the top level', () => {
    const version = runCli(['--version'], cwd);
    assert.equal(version.status, 0);
    assert.equal(version.stdout, `${packageJson.version}\n`);
    const help = runCli(['--help'], cwd);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /lint +Checks Amazon States Language definitions/);
    const unknown = runCli(['lnit'], cwd);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^statecraft: unknown command `lnit`/);
  });
});

/**
 * The SARIF 2.1.0 schema allows no properties beyond those it names (`additionalProperties: false`)
 * and requires a few; this checks every object the formatter writes against those lists.
 */
function assertSarifShape(log: Record<string, any>): void {
  const keys = (value: object, allowed: string[], required: string[], where: string) => {
    for (const key of Object.keys(value)) assert.ok(allowed.includes(key), `${where} has no property ${key} in SARIF`);
    for (const key of required) assert.ok(key in value, `${where} needs ${key}`);
  };
  const isMessage = (message: any, where: string) => {
    keys(message, ['text', 'markdown', 'id', 'arguments', 'properties'], [], where);
    assert.equal(typeof message.text, 'string');
    assert.ok(message.text.length > 0, `${where} is not empty`);
  };
  const isArtifactLocation = (location: any, where: string) => {
    keys(location, ['uri', 'uriBaseId', 'index', 'description', 'properties'], [], where);
    assert.doesNotThrow(() => new URL(location.uri, 'file:///base/'), `${where}.uri is a URI reference`);
    assert.ok(!location.uri.includes('\\'), 'forward slashes only');
    if ('uriBaseId' in location) assert.ok(location.uriBaseId in log.runs[0].originalUriBaseIds);
  };
  const isRegion = (region: any, where: string) => {
    keys(region, ['startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength', 'byteOffset', 'byteLength', 'snippet', 'message', 'sourceLanguage', 'properties'], ['startLine'], where);
    for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
      assert.ok(Number.isInteger(region[key]) && region[key] >= 1, `${where}.${key} is a 1-based integer`);
    }
    assert.ok(region.endLine > region.startLine || (region.endLine === region.startLine && region.endColumn >= region.startColumn));
  };
  const LEVELS = ['none', 'note', 'warning', 'error'];

  keys(log, ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'], ['version', 'runs'], 'log');
  assert.equal(log.version, '2.1.0');
  assert.equal(log.$schema, 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
  assert.equal(log.runs.length, 1);
  const [run] = log.runs;
  keys(run, ['tool', 'invocations', 'conversion', 'language', 'versionControlProvenance', 'originalUriBaseIds', 'artifacts', 'logicalLocations', 'graphs', 'results', 'automationDetails', 'runAggregates', 'baselineGuid', 'redactionTokens', 'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences', 'columnKind', 'externalPropertyFileReferences', 'threadFlowLocations', 'taxonomies', 'addresses', 'translations', 'policies', 'webRequests', 'webResponses', 'specialLocations', 'properties'], ['tool'], 'run');
  assert.equal(run.columnKind, 'utf16CodeUnits');
  for (const base of Object.values(run.originalUriBaseIds) as any[]) {
    assert.match(base.uri, /^file:\/\/.*\/$/, 'a base URI is absolute and ends with a slash');
  }

  keys(run.tool, ['driver', 'extensions', 'properties'], ['driver'], 'tool');
  const { driver } = run.tool;
  keys(driver, ['guid', 'name', 'organization', 'product', 'productSuite', 'shortDescription', 'fullDescription', 'fullName', 'version', 'semanticVersion', 'dottedQuadFileVersion', 'releaseDateUtc', 'downloadUri', 'informationUri', 'globalMessageStrings', 'notifications', 'rules', 'taxa', 'locations', 'language', 'contents', 'isComprehensive', 'localizedDataSemanticVersion', 'minimumRequiredLocalizedDataSemanticVersion', 'associatedComponent', 'translationMetadata', 'supportedTaxonomies', 'properties'], ['name'], 'driver');
  assert.equal(driver.name, 'statecraft');
  assert.equal(driver.version, packageJson.version);
  assert.equal(driver.informationUri, 'https://github.com/statecraft/statecraft');

  const { RULE_CODES } = require('../../server/src/service/ruleCodes') as typeof import('../../server/src/service/ruleCodes');
  assert.deepEqual(driver.rules.map((rule: { id: string }) => rule.id), Object.keys(RULE_CODES));
  const defaultLevel: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
  for (const rule of driver.rules) {
    keys(rule, ['id', 'deprecatedIds', 'guid', 'deprecatedGuids', 'name', 'deprecatedNames', 'shortDescription', 'fullDescription', 'messageStrings', 'defaultConfiguration', 'helpUri', 'help', 'relationships', 'properties'], ['id'], `rule ${rule.id}`);
    isMessage(rule.shortDescription, `rule ${rule.id} shortDescription`);
    assert.equal(rule.helpUri, `https://github.com/statecraft/statecraft/blob/main/docs/rules/${rule.id}.md`);
    keys(rule.defaultConfiguration, ['enabled', 'level', 'rank', 'parameters', 'properties'], [], 'defaultConfiguration');
    assert.equal(rule.defaultConfiguration.level, defaultLevel[RULE_CODES[rule.id as keyof typeof RULE_CODES].severity]);
  }

  for (const artifact of run.artifacts) {
    keys(artifact, ['description', 'location', 'parentIndex', 'offset', 'length', 'roles', 'mimeType', 'contents', 'encoding', 'sourceLanguage', 'hashes', 'lastModifiedTimeUtc', 'properties'], [], 'artifact');
    isArtifactLocation(artifact.location, 'artifact.location');
  }

  for (const invocation of run.invocations) {
    keys(invocation, ['commandLine', 'arguments', 'responseFiles', 'startTimeUtc', 'endTimeUtc', 'exitCode', 'ruleConfigurationOverrides', 'notificationConfigurationOverrides', 'toolExecutionNotifications', 'toolConfigurationNotifications', 'exitCodeDescription', 'exitSignalName', 'exitSignalNumber', 'processStartFailureMessage', 'executionSuccessful', 'machine', 'account', 'processId', 'executableLocation', 'workingDirectory', 'environmentVariables', 'stdin', 'stdout', 'stderr', 'stdoutStderr', 'properties'], ['executionSuccessful'], 'invocation');
    assert.equal(typeof invocation.executionSuccessful, 'boolean');
    for (const notification of invocation.toolExecutionNotifications) {
      keys(notification, ['locations', 'message', 'level', 'threadId', 'timeUtc', 'exception', 'descriptor', 'associatedRule', 'properties'], ['message'], 'notification');
      assert.ok(LEVELS.includes(notification.level));
      isMessage(notification.message, 'notification.message');
      for (const location of notification.locations ?? []) isArtifactLocation(location.physicalLocation.artifactLocation, 'notification location');
    }
  }

  for (const result of run.results) {
    keys(result, ['ruleId', 'ruleIndex', 'rule', 'kind', 'level', 'message', 'analysisTarget', 'locations', 'guid', 'correlationGuid', 'occurrenceCount', 'partialFingerprints', 'fingerprints', 'stacks', 'codeFlows', 'graphs', 'graphTraversals', 'relatedLocations', 'suppressions', 'baselineState', 'rank', 'attachments', 'hostedViewerUri', 'workItemUris', 'provenance', 'fixes', 'taxa', 'webRequest', 'webResponse', 'properties'], ['message'], 'result');
    assert.equal(driver.rules[result.ruleIndex].id, result.ruleId, 'ruleIndex points at the rule');
    assert.ok(LEVELS.includes(result.level));
    isMessage(result.message, 'result.message');
    for (const location of [...result.locations, ...(result.relatedLocations ?? [])]) {
      keys(location, ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties'], [], 'location');
      keys(location.physicalLocation, ['address', 'artifactLocation', 'region', 'contextRegion', 'properties'], [], 'physicalLocation');
      isArtifactLocation(location.physicalLocation.artifactLocation, 'result artifactLocation');
      assert.deepEqual(run.artifacts[location.physicalLocation.artifactLocation.index].location, location.physicalLocation.artifactLocation);
      isRegion(location.physicalLocation.region, 'region');
    }
  }
}
