import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { parseViewerAddress } from '../../shared/http/clientAddress.ts';
import { createHandler } from '../../shared/http/handler.ts';
import type { RouteDefinition } from '../../shared/http/routes/define.ts';

/**
 * Which address the dispatcher keys a reader by: the viewer's, as CloudFront states it, only on a
 * request carrying the origin secret; otherwise the source address API Gateway saw.
 */
const PROBE = [
  {
    id: 'probe',
    method: 'POST',
    path: '/v1/probe',
    fn: 'commentSubmit',
    access: 'public',
    tag: 'comments',
    summary: 'probe',
    description: 'Answers the client the operation was handed.',
    ok: { status: 200, description: 'the client' },
  },
] as const satisfies readonly RouteDefinition[];

const SOURCE = '130.176.1.20';
const CURRENT = 'current-origin-secret';
const PREVIOUS = 'previous-origin-secret';

function handlerWith(originSecrets?: () => Promise<readonly string[]>) {
  return createHandler(
    PROBE,
    { probe: async ({ client, headers }) => ({ body: { ip: client.ip, headers: Object.keys(headers) } }) },
    originSecrets ? { originSecrets } : {},
  );
}

async function clientOf(handler: ReturnType<typeof handlerWith>, headers: Record<string, string>) {
  const event = {
    resource: '/v1/probe',
    path: '/v1/probe',
    httpMethod: 'POST',
    headers,
    body: null,
    isBase64Encoded: false,
    requestContext: { requestId: 'r1', identity: { sourceIp: SOURCE } },
  } as unknown as APIGatewayProxyEvent;
  const result = await handler(event);
  return { status: result.statusCode, ...(JSON.parse(result.body) as { ip: string; headers: string[] }) };
}

const accepted = async () => [CURRENT, PREVIOUS] as const;

describe('the viewer address CloudFront states', () => {
  it('is parsed, the port dropped, IPv4 and IPv6 alike', () => {
    expect(parseViewerAddress('198.51.100.10:46532')).toBe('198.51.100.10');
    expect(parseViewerAddress('2001:DB8:0:0:0:0:0:1:46532')).toBe('2001:db8::1');
    expect(parseViewerAddress('2001:db8::1:443')).toBe('2001:db8::1');
    expect(parseViewerAddress('[2001:db8::1]:46532')).toBe('2001:db8::1');
    // An IPv4 client on a dual-stack path is the same reader as on IPv4.
    expect(parseViewerAddress('::ffff:198.51.100.10:46532')).toBe('198.51.100.10');
  });

  it('is refused when malformed', () => {
    for (const bad of [
      '',
      '198.51.100.10',
      '198.51.100.10:',
      '198.51.100.10:99999',
      '198.51.100.999:80',
      '[198.51.100.10]:80',
      'example.org:443',
      '198.51.100.10:80, 203.0.113.9:80',
      `${'1:'.repeat(40)}80`,
      '::1',
    ])
      expect(parseViewerAddress(bad), bad).toBeNull();
  });
});

describe("the dispatcher's client address", () => {
  it('with the current or the previous origin secret: the viewer address', async () => {
    const handler = handlerWith(accepted);
    for (const secret of [CURRENT, PREVIOUS]) {
      expect(
        await clientOf(handler, {
          'X-Origin-Verify': secret,
          'CloudFront-Viewer-Address': '203.0.113.7:51000',
        }),
      ).toMatchObject({ status: 200, ip: '203.0.113.7' });
    }
    expect(
      await clientOf(handler, {
        'x-origin-verify': CURRENT,
        'cloudfront-viewer-address': '2001:db8:85a3::8a2e:370:7334:51000',
      }),
    ).toMatchObject({ ip: '2001:db8:85a3::8a2e:370:7334' });
  });

  it('without the secret, or with a wrong one: the source address, whatever the header says', async () => {
    const handler = handlerWith(accepted);
    const forged = { 'CloudFront-Viewer-Address': '203.0.113.7:51000' };
    expect(await clientOf(handler, forged)).toMatchObject({ status: 200, ip: SOURCE });
    expect(await clientOf(handler, { ...forged, 'X-Origin-Verify': 'guess' })).toMatchObject({ ip: SOURCE });
    expect(await clientOf(handler, { ...forged, 'X-Origin-Verify': '' })).toMatchObject({ ip: SOURCE });
    // A function that holds no origin secret believes no header (locally, and every other function).
    expect(await clientOf(handlerWith(), { ...forged, 'X-Origin-Verify': CURRENT })).toMatchObject({
      ip: SOURCE,
    });
  });

  it('with the secret but a malformed viewer address: the source address, never a 500', async () => {
    const handler = handlerWith(accepted);
    for (const value of ['garbage', '203.0.113.7', '203.0.113.7:port', '', '::1']) {
      expect(
        await clientOf(handler, { 'X-Origin-Verify': CURRENT, 'CloudFront-Viewer-Address': value }),
        value,
      ).toMatchObject({ status: 200, ip: SOURCE });
    }
    expect(await clientOf(handler, { 'X-Origin-Verify': CURRENT })).toMatchObject({
      status: 200,
      ip: SOURCE,
    });
  });

  it('when the secret cannot be read: the source address, never a 500', async () => {
    const handler = handlerWith(async () => {
      throw new Error('ThrottlingException');
    });
    expect(
      await clientOf(handler, {
        'X-Origin-Verify': CURRENT,
        'CloudFront-Viewer-Address': '203.0.113.7:51000',
      }),
    ).toMatchObject({ status: 200, ip: SOURCE });
  });

  it('hands no operation the origin secret', async () => {
    const { headers } = await clientOf(handlerWith(accepted), {
      'X-Origin-Verify': CURRENT,
      'CloudFront-Viewer-Address': '203.0.113.7:51000',
    });
    expect(headers).toContain('cloudfront-viewer-address');
    expect(headers).not.toContain('x-origin-verify');
  });
});
