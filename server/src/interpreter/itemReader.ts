/**
 * A Distributed Map's `ItemReader` text, read as AWS reads the object it fetches, by
 * `ReaderConfig.InputType`: `CSV` (RFC 4180: quoted fields may hold delimiters, quotes doubled as
 * `""` and line breaks; `CSVDelimiter` COMMA, PIPE, SEMICOLON, SPACE or TAB; headers from the first
 * row or `CSVHeaders`; every value a string), `JSONL` (one JSON value per line) or `JSON` (an array).
 */
import type { Json, JsonObject } from './types';

/** The text cannot be read as its `InputType` says: the Map fails with `States.ItemReaderFailed`. */
export class ItemReaderError extends Error {}

const DELIMITERS: Record<string, string> = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' };

/** Items from the text of the object an ItemReader read. */
export function readItemsText(text: string, config: JsonObject): Json {
  switch (config.InputType) {
    case 'CSV':
      return csvItems(text, config);
    case 'JSONL':
      return jsonLines(text);
    default:
      try {
        return JSON.parse(text) as Json;
      } catch (error) {
        throw new ItemReaderError(`The ItemReader's object is not valid JSON: ${(error as Error).message}`);
      }
  }
}

function csvItems(text: string, config: JsonObject): JsonObject[] {
  const delimiterName = typeof config.CSVDelimiter === 'string' ? config.CSVDelimiter : 'COMMA';
  const delimiter = DELIMITERS[delimiterName];
  if (delimiter === undefined) throw new ItemReaderError(`\`CSVDelimiter\` must be one of ${Object.keys(DELIMITERS).join(', ')}, not \`${delimiterName}\`.`);
  const rows = parseCsv(text, delimiter);
  let headers: string[];
  if (config.CSVHeaderLocation === 'GIVEN') {
    if (!Array.isArray(config.CSVHeaders)) throw new ItemReaderError('`CSVHeaderLocation` is GIVEN but `CSVHeaders` is not an array of column names.');
    headers = config.CSVHeaders.map(String);
  } else {
    const first = rows.shift();
    if (!first) return [];
    headers = first;
  }
  return rows.map((cells) => {
    const row: JsonObject = {};
    headers.forEach((header, i) => (row[header] = cells[i] ?? ''));
    return row;
  });
}

/** RFC 4180 records; a line break ends a record outside quotes, and blank lines are skipped. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  /** The record has something in it (a delimiter, a character or a quoted field). */
  let started = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    if (started) {
      endField();
      rows.push(row);
    }
    row = [];
    field = '';
    started = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      started = true;
    } else if (c === delimiter) {
      endField();
      started = true;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else {
      field += c;
      started = true;
    }
  }
  if (quoted) throw new ItemReaderError('The CSV ends inside a quoted field: a closing `"` is missing.');
  endRow();
  return rows;
}

function jsonLines(text: string): Json[] {
  const items: Json[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      items.push(JSON.parse(line) as Json);
    } catch (error) {
      throw new ItemReaderError(`Line ${index + 1} of the JSONL object is not valid JSON: ${(error as Error).message}`);
    }
  });
  return items;
}
