import type { Server } from 'node:http';
import { AwsServiceError } from '../aws-errors.ts';
import { createAwsProtocolServer } from '../aws-protocol-server.ts';
import { parseJsonBody, readBody, sendJson } from '../http-util.ts';
import type { StepFunctionsEngine } from './engine.ts';
import type { ExecutionRecord, ExecutionStatus } from './execution-store.ts';

type Request = Record<string, unknown>;
type Operation = (request: Request) => unknown;

const seconds = (ms: number) => ms / 1000;

/**
 * The Step Functions API (AWS JSON 1.0: `POST /` with `X-Amz-Target: AWSStepFunctions.<Op>`)
 * over the local engine, so `@aws-sdk/client-sfn` talks to it unchanged.
 */
export function createStepFunctionsServer(engine: StepFunctionsEngine): Server {
  const operations: Record<string, Operation> = {
    StartExecution: (request) => {
      const record = engine.start({
        stateMachineArn: requiredString(request, 'stateMachineArn'),
        name: optionalString(request, 'name'),
        input: optionalString(request, 'input'),
      });
      return { executionArn: record.executionArn, startDate: seconds(record.startDate) };
    },
    DescribeExecution: (request) =>
      describe(engine.describe(requiredString(request, 'executionArn'))),
    ListExecutions: (request) => ({
      executions: engine
        .list(
          requiredString(request, 'stateMachineArn'),
          optionalString(request, 'statusFilter') as ExecutionStatus | undefined,
        )
        .map((record) => ({
          executionArn: record.executionArn,
          stateMachineArn: record.stateMachineArn,
          name: record.name,
          status: record.status,
          startDate: seconds(record.startDate),
          ...(record.stopDate ? { stopDate: seconds(record.stopDate) } : {}),
        })),
    }),
    GetExecutionHistory: (request) =>
      history(engine.describe(requiredString(request, 'executionArn')), request),
    StopExecution: (request) => {
      const record = engine.stop(
        requiredString(request, 'executionArn'),
        optionalString(request, 'error'),
        optionalString(request, 'cause'),
      );
      return { stopDate: seconds(record.stopDate ?? Date.now()) };
    },
    SendTaskSuccess: (request) => {
      engine.sendTaskSuccess(
        requiredString(request, 'taskToken'),
        requiredString(request, 'output'),
      );
      return {};
    },
    SendTaskFailure: (request) => {
      engine.sendTaskFailure(
        requiredString(request, 'taskToken'),
        optionalString(request, 'error'),
        optionalString(request, 'cause'),
      );
      return {};
    },
    SendTaskHeartbeat: (request) => {
      engine.sendTaskHeartbeat(requiredString(request, 'taskToken'));
      return {};
    },
  };

  return createAwsProtocolServer('stepfunctions', async (req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = operations[target.replace(/^AWSStepFunctions\./, '')];
    if (req.method !== 'POST' || !operation) {
      throw new AwsServiceError(
        'UnknownOperationException',
        `The local Step Functions server does not support ${target || 'this request'}.`,
      );
    }
    const request = parseJsonBody(await readBody(req, 1024 * 1024)) as Request;
    sendJson(res, 200, operation(request), { 'content-type': 'application/x-amz-json-1.0' });
  });
}

function describe(record: ExecutionRecord) {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: seconds(record.startDate),
    input: record.input,
    inputDetails: { included: true },
    ...(record.stopDate ? { stopDate: seconds(record.stopDate) } : {}),
    ...(record.output !== undefined
      ? { output: record.output, outputDetails: { included: true } }
      : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
    ...(record.cause !== undefined ? { cause: record.cause } : {}),
  };
}

function history(record: ExecutionRecord, request: Request) {
  const ordered = record.events.map((event, position) => ({
    timestamp: seconds(event.timestamp),
    type: event.type,
    id: position + 1,
    previousEventId: position,
    ...(event.detailsKey ? { [event.detailsKey]: event.details ?? {} } : {}),
  }));
  if (request.reverseOrder === true) ordered.reverse();
  const maxResults = Math.min(Number(request.maxResults ?? 0) || 100, 1000);
  const offset = Number(optionalString(request, 'nextToken') ?? 0);
  const page = ordered.slice(offset, offset + maxResults);
  const next = offset + maxResults < ordered.length ? String(offset + maxResults) : undefined;
  return { events: page, ...(next ? { nextToken: next } : {}) };
}

function requiredString(request: Request, field: string): string {
  const value = request[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new AwsServiceError('ValidationException', `${field} is required.`);
  }
  return value;
}

function optionalString(request: Request, field: string): string | undefined {
  const value = request[field];
  return typeof value === 'string' ? value : undefined;
}
