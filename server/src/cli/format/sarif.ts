/**
 * The SARIF 2.1.0 format, read by code-scanning services and SARIF viewers. Every rule code of the
 * table is described in `tool.driver.rules` (with its documentation page and default level); each
 * result points at it by `ruleId` and `ruleIndex`. Regions are 1-based, columns in UTF-16 code units
 * (SARIF's default `columnKind`, the same unit as LSP characters). Files that could not be read are
 * reported as tool execution notifications, so a consumer can tell an incomplete run from a clean one.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { RULE_CODES, ruleDocsUrl, type RuleCode, type Severity } from '../../service/ruleCodes';
import { PRODUCT_NAME, PRODUCT_URL, PRODUCT_VERSION } from '../product';
import { diagnosticCode, severityName, type LintReport } from './lintResult';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
/** The base that relative artifact URIs are resolved against: the working directory of the run. */
const SOURCE_ROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export function formatSarif(report: LintReport): string {
  const codes = Object.keys(RULE_CODES) as RuleCode[];
  const ruleIndex = new Map<string, number>(codes.map((code, index) => [code, index]));
  const locations = report.files.map((file, index) => ({ ...artifactLocation(file.path), index }));

  const results = report.files.flatMap((file, fileIndex) =>
    file.diagnostics.map((diagnostic) => {
      const code = diagnosticCode(diagnostic);
      return {
        ruleId: code,
        ...(ruleIndex.has(code) ? { ruleIndex: ruleIndex.get(code) } : {}),
        level: LEVELS[severityName(diagnostic)],
        message: { text: diagnostic.message },
        locations: [{ physicalLocation: { artifactLocation: locations[fileIndex], region: region(diagnostic.range) } }],
        ...relatedLocations(diagnostic, locations[fileIndex]),
      };
    }),
  );

  const log = {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: PRODUCT_NAME,
            version: PRODUCT_VERSION,
            informationUri: PRODUCT_URL,
            rules: codes.map((code) => ({
              id: code,
              shortDescription: { text: RULE_CODES[code].summary },
              helpUri: ruleDocsUrl(code),
              defaultConfiguration: { level: LEVELS[RULE_CODES[code].severity] },
            })),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(report.cwd) } },
        artifacts: locations.map((location) => ({ location })),
        invocations: [
          {
            executionSuccessful: report.inputProblems.length === 0,
            toolExecutionNotifications: report.inputProblems.map((problem) => ({
              level: 'error',
              message: { text: problem.message },
              ...(problem.path !== undefined
                ? { locations: [{ physicalLocation: { artifactLocation: artifactLocation(problem.path) } }] }
                : {}),
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** SARIF regions are 1-based; the end column is the one just after the region, like LSP's end. */
function region(range: Range): Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function relatedLocations(diagnostic: Diagnostic, location: ArtifactLocation): { relatedLocations?: object[] } {
  const related = diagnostic.relatedInformation ?? [];
  if (related.length === 0) return {};
  return {
    relatedLocations: related.map((information, id) => ({
      id,
      message: { text: information.message },
      physicalLocation: { artifactLocation: location, region: region(information.location.range) },
    })),
  };
}

/**
 * A relative path stays relative (to `%SRCROOT%`), so the log does not depend on where it was
 * produced; an absolute path becomes a `file:` URI.
 */
function artifactLocation(filePath: string): ArtifactLocation {
  if (path.isAbsolute(filePath)) return { uri: pathToFileURL(filePath).href };
  const segments = path.normalize(filePath).split(path.sep).filter((segment) => segment !== '' && segment !== '.');
  return { uri: segments.map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}
