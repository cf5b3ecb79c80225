import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

/**
 * A stand-in for the AWS endpoints at the HTTP layer: the real SDK clients serialize, sign and
 * send real requests to it, and it answers each with the next recorded response. The test then
 * reads what the SDK actually sent. CloudFormation speaks the Query protocol (form-encoded
 * request, XML answer); Cognito speaks JSON 1.1 (the action in X-Amz-Target).
 */
export interface SentRequest {
  readonly service: 'cloudformation' | 'cognito';
  readonly action: string;
  readonly params: Record<string, unknown>;
  readonly headers: IncomingHttpHeaders;
}

export interface RecordedResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

export const TEST_REGION = 'eu-west-1';
export const FAKE_KEY_ID = 'AKIDOPSUSERSTEST';

export async function startRecordedAws() {
  const sent: SentRequest[] = [];
  const queue: RecordedResponse[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string') {
      sent.push({
        service: 'cognito',
        action: target.split('.').pop() ?? '',
        params: JSON.parse(body || '{}') as Record<string, unknown>,
        headers: req.headers,
      });
    } else {
      const params = Object.fromEntries(new URLSearchParams(body));
      sent.push({ service: 'cloudformation', action: params.Action ?? '', params, headers: req.headers });
    }
    const next = queue.shift() ?? {
      status: 500,
      contentType: 'application/x-amz-json-1.1',
      body: JSON.stringify({ __type: 'InternalErrorException', message: 'no recorded response left' }),
    };
    res.writeHead(next.status, { 'content-type': next.contentType, ...next.headers });
    res.end(next.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Credentials the SDK signs with: a provider, so nothing is read from the environment or disk.
  const config = {
    region: TEST_REGION,
    endpoint,
    credentials: async () => ({ accessKeyId: FAKE_KEY_ID, secretAccessKey: 'not-a-real-secret' }),
    maxAttempts: 1,
  };
  return {
    sent,
    /** Queues the responses, in the order the calls will come. */
    respond: (...responses: RecordedResponse[]) => queue.push(...responses),
    pending: () => queue.length,
    clients: () => ({
      cloudFormation: new CloudFormationClient(config),
      cognito: new CognitoIdentityProviderClient(config),
    }),
    close: async () => {
      server.close();
      await once(server, 'close');
    },
  };
}

const CFN_NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

/** DescribeStacks as CloudFormation answers it for a stack with these outputs. */
export function describeStacks(
  stackName: string,
  outputs: Record<string, string>,
  status = 'UPDATE_COMPLETE',
) {
  const members = Object.entries(outputs)
    .map(
      ([key, value]) => `<member><OutputKey>${key}</OutputKey><OutputValue>${value}</OutputValue></member>`,
    )
    .join('');
  return {
    status: 200,
    contentType: 'text/xml',
    body: `<DescribeStacksResponse xmlns="${CFN_NS}"><DescribeStacksResult><Stacks><member>
<StackName>${stackName}</StackName>
<StackId>arn:aws:cloudformation:${TEST_REGION}:123456789012:stack/${stackName}/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0</StackId>
<CreationTime>2026-11-01T09:00:00.000Z</CreationTime><StackStatus>${status}</StackStatus>
${members ? `<Outputs>${members}</Outputs>` : ''}
</member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>a1b2c3d4-0000-4000-8000-000000000001</RequestId></ResponseMetadata></DescribeStacksResponse>`,
  } satisfies RecordedResponse;
}

/** CloudFormation's answer for a stack that does not exist (Query protocol error, HTTP 400). */
export function stackDoesNotExist(stackName: string): RecordedResponse {
  return {
    status: 400,
    contentType: 'text/xml',
    body: `<ErrorResponse xmlns="${CFN_NS}"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${stackName} does not exist</Message></Error><RequestId>a1b2c3d4-0000-4000-8000-000000000002</RequestId></ErrorResponse>`,
  };
}

/** A successful Cognito answer. */
export function cognitoOk(body: unknown = {}): RecordedResponse {
  return { status: 200, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(body) };
}

/** A Cognito error, as its JSON 1.1 protocol sends it. */
export function cognitoError(type: string, message: string, status = 400): RecordedResponse {
  return {
    status,
    contentType: 'application/x-amz-json-1.1',
    headers: { 'x-amzn-errortype': `${type}:` },
    body: JSON.stringify({ __type: type, message }),
  };
}
