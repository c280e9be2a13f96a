/** Shown in the request picker; each is a complete request the offline compiler understands. */
export const EXAMPLE_REQUESTS = [
  'Production web service, Postgres backend, standard monitoring, needs to talk to the payment service',
  'Static website for example.com served from S3 through a CDN with HTTPS',
  'A serverless REST API: Lambda functions behind API Gateway storing items in a DynamoDB table',
  'An SQS queue with a dead-letter queue after 5 failed attempts, consumed by a Lambda function',
  'Containerized API behind a load balancer that autoscales between 2 and 10 tasks on CPU',
  'Run a cleanup Lambda every night at 2am UTC',
];
