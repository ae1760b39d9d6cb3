/**
 * The `Resource` ARNs of the optimized service integrations, for completion and hover. Source:
 * "Integrating optimized services with Step Functions" in the AWS Step Functions developer guide.
 * A suffix selects the integration pattern: none (request and response), `.sync` (run a job and
 * wait for it) or `.waitForTaskToken` (wait for a callback with the task token).
 */

export type IntegrationPattern = 'request-response' | 'sync' | 'callback';

export interface ServiceIntegration {
  /** `lambda:invoke`, `ecs:runTask.sync`, ... (the part after `arn:aws:states:::`). */
  api: string;
  service: string;
  pattern: IntegrationPattern;
}

/** Each API with the patterns it supports. */
const APIS: Record<string, [service: string, apis: Record<string, IntegrationPattern[]>]> = {
  lambda: ['AWS Lambda', { invoke: ['request-response', 'callback'] }],
  states: ['AWS Step Functions', { startExecution: ['request-response', 'sync', 'callback'] }],
  sqs: ['Amazon SQS', { sendMessage: ['request-response', 'callback'] }],
  sns: ['Amazon SNS', { publish: ['request-response', 'callback'] }],
  dynamodb: ['Amazon DynamoDB', { getItem: ['request-response'], putItem: ['request-response'], updateItem: ['request-response'], deleteItem: ['request-response'] }],
  ecs: ['Amazon ECS/Fargate', { runTask: ['request-response', 'sync', 'callback'] }],
  batch: ['AWS Batch', { submitJob: ['request-response', 'sync'] }],
  glue: ['AWS Glue', { startJobRun: ['request-response', 'sync'] }],
  databrew: ['AWS Glue DataBrew', { startJobRun: ['request-response', 'sync'] }],
  athena: [
    'Amazon Athena',
    {
      startQueryExecution: ['request-response', 'sync'],
      stopQueryExecution: ['request-response'],
      getQueryExecution: ['request-response'],
      getQueryResults: ['request-response'],
    },
  ],
  events: ['Amazon EventBridge', { putEvents: ['request-response', 'callback'] }],
  apigateway: ['Amazon API Gateway', { invoke: ['request-response', 'callback'] }],
  http: ['HTTPS API', { invoke: ['request-response'] }],
  codebuild: [
    'AWS CodeBuild',
    {
      startBuild: ['request-response', 'sync'],
      stopBuild: ['request-response'],
      batchDeleteBuilds: ['request-response'],
      batchGetReports: ['request-response'],
      startBuildBatch: ['request-response', 'sync'],
      stopBuildBatch: ['request-response'],
      retryBuildBatch: ['request-response', 'sync'],
      deleteBuildBatch: ['request-response'],
    },
  ],
  eks: [
    'Amazon EKS',
    {
      createCluster: ['request-response', 'sync'],
      deleteCluster: ['request-response', 'sync'],
      createFargateProfile: ['request-response', 'sync'],
      deleteFargateProfile: ['request-response', 'sync'],
      createNodegroup: ['request-response', 'sync'],
      deleteNodegroup: ['request-response', 'sync'],
      runJob: ['request-response', 'sync'],
      call: ['request-response'],
    },
  ],
  elasticmapreduce: [
    'Amazon EMR',
    {
      createCluster: ['request-response', 'sync'],
      terminateCluster: ['request-response', 'sync'],
      addStep: ['request-response', 'sync'],
      cancelStep: ['request-response'],
      setClusterTerminationProtection: ['request-response'],
      modifyInstanceFleetByName: ['request-response'],
      modifyInstanceGroupByName: ['request-response'],
    },
  ],
  'emr-containers': [
    'Amazon EMR on EKS',
    { startJobRun: ['request-response', 'sync'], createVirtualCluster: ['request-response'], deleteVirtualCluster: ['request-response', 'sync'] },
  ],
  'emr-serverless': [
    'Amazon EMR Serverless',
    {
      createApplication: ['request-response', 'sync'],
      startApplication: ['request-response', 'sync'],
      stopApplication: ['request-response', 'sync'],
      deleteApplication: ['request-response', 'sync'],
      startJobRun: ['request-response', 'sync'],
      cancelJobRun: ['request-response', 'sync'],
    },
  ],
  sagemaker: [
    'Amazon SageMaker AI',
    {
      createTrainingJob: ['request-response', 'sync'],
      createTransformJob: ['request-response', 'sync'],
      createProcessingJob: ['request-response', 'sync'],
      createHyperParameterTuningJob: ['request-response', 'sync'],
      createLabelingJob: ['request-response', 'sync'],
      createModel: ['request-response'],
      createEndpoint: ['request-response'],
      createEndpointConfig: ['request-response'],
      updateEndpoint: ['request-response'],
    },
  ],
  bedrock: [
    'Amazon Bedrock',
    { invokeModel: ['request-response'], createModelCustomizationJob: ['request-response', 'sync', 'callback'] },
  ],
  mediaconvert: ['AWS Elemental MediaConvert', { createJob: ['request-response', 'sync'] }],
};

const SUFFIX: Record<IntegrationPattern, string> = { 'request-response': '', sync: '.sync', callback: '.waitForTaskToken' };

export const SERVICE_INTEGRATIONS: readonly ServiceIntegration[] = Object.entries(APIS).flatMap(([prefix, [service, apis]]) =>
  Object.entries(apis).flatMap(([api, patterns]) =>
    patterns.map((pattern) => ({ api: `${prefix}:${api}${SUFFIX[pattern]}`, service, pattern })),
  ),
);

/** The Step Functions child execution also has `.sync:2`, whose output is parsed JSON rather than a string. */
export const START_EXECUTION_SYNC_2 = 'states:startExecution.sync:2';

export const INTEGRATION_PREFIX = 'arn:aws:states:::';

export const PATTERN_DESCRIPTIONS: Record<IntegrationPattern, string> = {
  'request-response': 'Request Response: calls the service and moves on as soon as it answers.',
  sync: 'Run a Job (`.sync`): starts the job and waits until it completes.',
  callback: 'Wait for Callback (`.waitForTaskToken`): passes a task token and waits until it is returned with `SendTaskSuccess` or `SendTaskFailure`.',
};

/** The `Resource` of a Distributed Map's `ItemReader` and `ResultWriter`. */
export const ITEM_READER_RESOURCES = ['s3:getObject', 's3:listObjectsV2'] as const;
export const RESULT_WRITER_RESOURCES = ['s3:putObject'] as const;

/** What a `Resource` ARN names, for hover: the integration, the pattern, or a Lambda function or activity. */
export function describeResource(resource: string): string | undefined {
  const integration = /^arn:[^:]+:states:::(.+)$/.exec(resource);
  if (integration) {
    const api = integration[1];
    if (api === START_EXECUTION_SYNC_2) return `AWS Step Functions \`startExecution\`. ${PATTERN_DESCRIPTIONS.sync} The output is parsed JSON.`;
    const known = SERVICE_INTEGRATIONS.find((entry) => entry.api === api);
    if (known) return `Optimized integration with ${known.service}. ${PATTERN_DESCRIPTIONS[known.pattern]}`;
    const sdk = /^aws-sdk:([^:]+):([^.]+)(\.waitForTaskToken)?$/.exec(api);
    if (sdk) {
      const pattern = sdk[3] ? PATTERN_DESCRIPTIONS.callback : PATTERN_DESCRIPTIONS['request-response'];
      return `AWS SDK integration: the \`${sdk[2]}\` action of the \`${sdk[1]}\` service. ${pattern}`;
    }
    return undefined;
  }
  if (/^arn:[^:]+:lambda:[^:]*:[^:]*:function:/.test(resource)) return 'A Lambda function, invoked directly with the state\'s input.';
  if (/^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(resource)) return 'An activity: a worker polls for the task with `GetActivityTask` and answers with `SendTaskSuccess` or `SendTaskFailure`.';
  return undefined;
}
