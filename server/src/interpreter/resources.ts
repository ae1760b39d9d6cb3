/** What kind of task a `Resource` ARN names, and so which history events it writes. */

export interface TaskKind {
  /** `LambdaFunction` for a Lambda ARN, `Activity` for an activity, `Task` for service integrations. */
  eventPrefix: 'LambdaFunction' | 'Activity' | 'Task';
  /** For service integrations: `lambda`, `dynamodb`, `aws-sdk:s3`, ... */
  resourceType: string;
  /** For service integrations: `invoke`, `putItem.sync`, ... */
  resourceName: string;
  waitForTaskToken: boolean;
  sync: boolean;
}

export function describeTask(resource: string): TaskKind {
  const integration = /^arn:[^:]+:states:::(.+)$/.exec(resource);
  if (integration) {
    const path = integration[1];
    const colon = path.lastIndexOf(':');
    const resourceType = colon >= 0 ? path.slice(0, colon) : path;
    const resourceName = colon >= 0 ? path.slice(colon + 1) : path;
    return {
      eventPrefix: 'Task',
      resourceType,
      resourceName,
      waitForTaskToken: resourceName.endsWith('.waitForTaskToken'),
      sync: /\.sync(:2)?$/.test(resource),
    };
  }
  if (/^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(resource)) {
    return { eventPrefix: 'Activity', resourceType: 'activity', resourceName: resource, waitForTaskToken: false, sync: false };
  }
  return { eventPrefix: 'LambdaFunction', resourceType: 'lambda', resourceName: resource, waitForTaskToken: false, sync: false };
}

/** The Lambda function a task calls: from a Lambda ARN resource or `lambda:invoke`'s `FunctionName`. */
export function lambdaFunctionName(resource: string, parameters: unknown): string | undefined {
  const direct = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(resource);
  if (direct) return direct[1];
  if (/^arn:[^:]+:states:::lambda:invoke/.test(resource) && parameters && typeof parameters === 'object') {
    const name = (parameters as { FunctionName?: unknown }).FunctionName;
    if (typeof name === 'string') return /:function:([^:]+)/.exec(name)?.[1] ?? name;
  }
  return undefined;
}
