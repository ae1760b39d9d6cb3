/**
 * The validators compared by the benchmarks, each called the way its own users call it, from the
 * text of a definition to its list of problems.
 */
import * as awsAsl from 'amazon-states-language-service';
import aslValidator = require('asl-validator');
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadStatecraft } from './statecraft';

export type ProblemSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface Problem {
  severity: ProblemSeverity;
  message: string;
  code?: string;
}

export interface Validator {
  /** The key of the validator in the JSON results. */
  id: string;
  /** The name shown in tables. */
  name: string;
  /** One full validation of a definition from its text: nothing parsed or cached before the call. */
  validate(text: string): Promise<Problem[]>;
}

const URI = 'file:///bench/state-machine.asl.json';
const LSP_SEVERITIES: Record<number, ProblemSeverity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/**
 * Statecraft, through the same facade as the language server, from its shipped bundle. The service is
 * created once, like in the server; every call gets a new TextDocument, so its parse cache cannot help.
 */
export function statecraft(): Validator {
  const service = loadStatecraft().getLanguageService();
  return {
    id: 'statecraft',
    name: 'Statecraft',
    async validate(text) {
      const diagnostics = service.doValidation(TextDocument.create(URI, 'asl', 1, text));
      return diagnostics.map((d) => ({
        severity: LSP_SEVERITIES[d.severity ?? 1],
        message: d.message,
        code: typeof d.code === 'string' ? d.code : undefined,
      }));
    },
  };
}

/**
 * The language service of the AWS Toolkit for VS Code, configured and called as its ASL language
 * server does: a `parseJSONDocument` of the text, then `doValidation` with comments and trailing
 * commas reported as errors.
 */
export function amazonStatesLanguageService(): Validator {
  const service = awsAsl.getLanguageService({
    workspaceContext: { resolveRelativePath: (relativePath, resource) => new URL(relativePath, resource).toString() },
    contributions: [],
    clientCapabilities: awsAsl.ClientCapabilities.LATEST,
  });
  const settings: awsAsl.DocumentLanguageSettings = { comments: 'error', trailingCommas: 'error' };
  return {
    id: 'amazon-states-language-service',
    name: 'amazon-states-language-service',
    async validate(text) {
      const document = awsAsl.TextDocument.create(URI, 'asl', 1, text);
      const diagnostics = await service.doValidation(document, service.parseJSONDocument(document), settings);
      return diagnostics.map((d) => ({
        severity: LSP_SEVERITIES[d.severity ?? 1],
        message: d.message,
        code: d.code === undefined ? undefined : String(d.code),
      }));
    },
  };
}

/**
 * asl-validator with the options of its command line (path and ARN checks on). It takes an object,
 * so the text is parsed with `JSON.parse` first, as its command line does; a fresh object each time
 * also matters because it writes into the definition it validates.
 */
export function aslValidatorPackage(): Validator {
  const options: aslValidator.ValidationOptions = { checkPaths: true, checkArn: true };
  return {
    id: 'asl-validator',
    name: 'asl-validator',
    async validate(text) {
      const result = aslValidator(JSON.parse(text), options);
      return result.errors.map((error) => ({ severity: 'error', message: error.Message, code: error['Error code'] }));
    },
  };
}
