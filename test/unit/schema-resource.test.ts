import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { problems, single } from './helpers';

const task = (Resource: unknown) => single({ Type: 'Task', Resource, End: true });

describe('invalid-resource', () => {
  it('fires on a Resource that is not an ARN', () => {
    assert.deepEqual(problems(task('my-function'), 'invalid-resource'), [
      {
        at: '"my-function"',
        message:
          '`my-function` is not an ARN: a `Resource` has the form `arn:<partition>:<service>:<region>:<account>:<resource>`, e.g. `arn:aws:states:::lambda:invoke`.',
        data: { resource: 'my-function' },
      },
    ]);
    assert.equal(problems(task('arn:aws:lambda'), 'invalid-resource').length, 1);
    assert.equal(problems(task('arn:aws:lambda:us-east-1:123456789012:'), 'invalid-resource').length, 1);
    assert.equal(problems(task('urn:aws:states:::lambda:invoke'), 'invalid-resource').length, 1);
  });

  it('accepts the ARN shapes AWS accepts, in every partition', () => {
    for (const resource of [
      'arn:aws:states:::lambda:invoke',
      'arn:aws:states:::lambda:invoke.waitForTaskToken',
      'arn:aws:states:::aws-sdk:s3:getObject',
      'arn:aws:states:::states:startExecution.sync:2',
      'arn:aws:states:::http:invoke',
      'arn:aws:lambda:us-east-1:123456789012:function:HelloFunction',
      'arn:aws:lambda:us-east-1:123456789012:function:HelloFunction:$LATEST',
      'arn:aws:lambda:us-east-1:123456789012:function:HelloFunction:7',
      'arn:aws:lambda:us-east-1:123456789012:function:HelloFunction:prod_v2-blue',
      'arn:aws:states:us-east-1:123456789012:activity:Approve',
      'arn:aws-us-gov:states:::sqs:sendMessage',
      'arn:aws-cn:lambda:cn-north-1:123456789012:function:Hello',
      'arn:aws-iso-b:states:::lambda:invoke',
    ]) {
      assert.deepEqual(problems(task(resource), 'invalid-resource'), [], resource);
    }
  });

  it('checks the version or alias of a Lambda function ARN', () => {
    assert.deepEqual(problems(task('arn:aws:lambda:us-east-1:123456789012:function:Hello:'), 'invalid-resource').map((p) => p.message), [
      '`arn:aws:lambda:us-east-1:123456789012:function:Hello:` is not a valid Lambda function ARN: it ends in `function:<name>`, optionally followed by `:$LATEST`, a version number or an alias (letters, digits, `-` and `_`).',
    ]);
    assert.equal(problems(task('arn:aws:lambda:us-east-1:123456789012:function:Hello:$*#$7485'), 'invalid-resource').length, 1);
    assert.equal(problems(task('arn:aws:lambda:us-east-1:123456789012:function:Hello:a:b'), 'invalid-resource').length, 1);
  });

  it('leaves substitutions and CloudFormation intrinsic functions to deployment', () => {
    for (const resource of ['${FunctionArn}', 'arn:${AWS::Partition}:states:::lambda:invoke', 'arn:aws:lambda:${Region}:${Account}:function:${Name}']) {
      assert.deepEqual(problems(task(resource), 'invalid-resource'), [], resource);
    }
    assert.deepEqual(problems(task({ 'Fn::GetAtt': ['Function', 'Arn'] }), 'invalid-resource'), []);
  });

  it('catches a substitution that is never closed', () => {
    assert.deepEqual(problems(task('${lambdaArn'), 'invalid-resource'), [
      {
        at: '"${lambdaArn"',
        message: '`${lambdaArn` has a `${` substitution that is never closed; did you mean `${lambdaArn}`?',
        data: { resource: '${lambdaArn', suggestions: ['${lambdaArn}'] },
      },
    ]);
  });

  it('checks the Resource of a Map state’s ItemReader and ResultWriter', () => {
    const map = single({
      Type: 'Map',
      ItemReader: { Resource: 's3:getObject', Parameters: { Bucket: 'b', Key: 'k' } },
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'p' } },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Succeed' } } },
      End: true,
    });
    assert.deepEqual(problems(map, 'invalid-resource').map((p) => p.at), ['"s3:getObject"']);
  });
});
