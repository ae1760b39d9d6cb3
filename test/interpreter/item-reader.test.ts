/**
 * A Distributed Map's ItemReader and ResultWriter, from the developer guide's ItemReader page
 * (`ReaderConfig.InputType` CSV, JSON or JSONL; `CSVDelimiter` COMMA, PIPE, SEMICOLON, SPACE or TAB;
 * `CSVHeaderLocation` FIRST_ROW or GIVEN with `CSVHeaders`) and its error names: a Map that cannot
 * read its items fails with `States.ItemReaderFailed`, one that cannot write its results with
 * `States.ResultWriterFailed`.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { execute } from '../../server/src/interpreter';
import { parseCsv } from '../../server/src/interpreter/itemReader';
import type { Json, TaskOutcome } from '../../server/src/interpreter/types';

/** A Distributed Map over the items its reader reads from the reader's `answer`, each item passed through. */
function readMap(readerConfig: Record<string, unknown>, answer: TaskOutcome | undefined) {
  return execute(JSON.stringify({
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: readerConfig, Parameters: { Bucket: 'b', Key: 'k' } },
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
        End: true,
      },
    },
  }), { taskResolver: { resolve: (request) => (request.stateName === 'M.ItemReader' ? answer : undefined) } });
}

const csv = (text: string, config: Record<string, unknown> = {}) => readMap({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', ...config }, { result: text });

describe('ItemReader: CSV as RFC 4180 reads it', () => {
  it('keeps delimiters, doubled quotes and line breaks inside quoted fields; every value is a string', async () => {
    const result = await csv('id,name,note\r\n1,"Smith, Jane","said ""hi""\nthen left"\r\n2,Lee,\n');
    assert.equal(result.status, 'SUCCEEDED', result.cause);
    assert.deepEqual(result.output, [
      { id: '1', name: 'Smith, Jane', note: 'said "hi"\nthen left' },
      { id: '2', name: 'Lee', note: '' },
    ]);
  });

  it('reads the CSVDelimiter given, and headers from CSVHeaders when GIVEN', async () => {
    const piped = await csv('a|b\n1|x,y\n', { CSVDelimiter: 'PIPE' });
    assert.deepEqual(piped.output, [{ a: '1', b: 'x,y' }]);
    const tabbed = await csv('1\t"two\tcells"\n', { CSVDelimiter: 'TAB', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['n', 'text'] });
    assert.deepEqual(tabbed.output, [{ n: '1', text: 'two\tcells' }]);
  });

  it('an unterminated quote fails the Map with States.ItemReaderFailed', async () => {
    const result = await csv('a,b\n1,"open\n');
    assert.equal(result.error, 'States.ItemReaderFailed');
    assert.match(result.cause!, /ends inside a quoted field/);
  });

  it('parses records the same as the RFC examples', () => {
    assert.deepEqual(parseCsv('aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n'), [['aaa', 'bbb', 'ccc'], ['zzz', 'yyy', 'xxx']]);
    assert.deepEqual(parseCsv('"aaa","b\r\nbb","ccc"'), [['aaa', 'b\r\nbb', 'ccc']]);
    assert.deepEqual(parseCsv('"aaa","b""bb","ccc"'), [['aaa', 'b"bb', 'ccc']]);
    assert.deepEqual(parseCsv('a,,\n\n,b'), [['a', '', ''], ['', 'b']]);
  });
});

describe('ItemReader: JSON and JSONL', () => {
  it('reads one item per JSONL line, blank lines skipped', async () => {
    const result = await readMap({ InputType: 'JSONL' }, { result: '{"id":1}\n\n[2]\r\n"three"\n' });
    assert.deepEqual(result.output, [{ id: 1 }, [2], 'three']);
  });

  it('a JSONL line that is not JSON fails the Map with States.ItemReaderFailed naming the line', async () => {
    const result = await readMap({ InputType: 'JSONL' }, { result: '{"id":1}\n{oops}\n' });
    assert.equal(result.error, 'States.ItemReaderFailed');
    assert.match(result.cause!, /^Line 2 of the JSONL object is not valid JSON/);
  });

  it('JSON must hold an array', async () => {
    const result = await readMap({ InputType: 'JSON' }, { result: '{"not":"an array"}' });
    assert.equal(result.error, 'States.ItemReaderFailed');
    assert.match(result.cause!, /must be an array of items.*but was object/);
  });

  it('MaxItems keeps the first items', async () => {
    const result = await readMap({ InputType: 'JSON', MaxItems: 2 }, { result: [1, 2, 3] as Json });
    assert.deepEqual(result.output, [1, 2]);
  });
});

describe('ItemReader and ResultWriter failures', () => {
  it('a reader that fails, or that nothing answers, fails the Map with States.ItemReaderFailed', async () => {
    const failed = await readMap({ InputType: 'JSON' }, { error: 'S3.NoSuchKey', cause: 'The specified key does not exist.' });
    assert.equal(failed.error, 'States.ItemReaderFailed');
    assert.equal(failed.cause, 'S3.NoSuchKey: The specified key does not exist.');
    const unanswered = await readMap({ InputType: 'JSON' }, undefined);
    assert.equal(unanswered.error, 'States.ItemReaderFailed');
    assert.match(unanswered.cause!, /mock it in the mock file's test case as the state `M\.ItemReader`/);
  });

  it('a writer that fails fails the Map with States.ResultWriterFailed, which a catcher can catch', async () => {
    const result = await execute(JSON.stringify({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'out' } },
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          Catch: [{ ErrorEquals: ['States.ResultWriterFailed'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      },
    }), { input: [1], taskResolver: { resolve: (request) => (request.stateName === 'M.ResultWriter' ? { error: 'S3.AccessDenied', cause: 'denied' } : undefined) } });
    assert.equal(result.status, 'SUCCEEDED');
    assert.deepEqual(result.output, { Error: 'States.ResultWriterFailed', Cause: 'S3.AccessDenied: denied' });
  });
});
