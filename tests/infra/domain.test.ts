import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { CALLBACK_PATH } from '../../infra/constructs/consoleRouting.ts';
import { MINIMUM_VIEWER_TLS, parseCustomDomain } from '../../infra/domain.ts';
import { CmsStack } from '../../infra/stack.ts';
import { stageConfig } from '../../infra/stage.ts';
import { ENV } from '../../shared/env.ts';
import { FUNCTIONS, type FunctionName, ROUTES } from '../../shared/http/routes.ts';
import { logicalIdOf, preflights, resourcesOfType, synthesized, type TemplateJson } from './synth.ts';

// `-c domain=... -c certificateArn=...` puts the console and the API on the newsroom's own host:
// CloudFront answers on it with the imported certificate, Cognito sends people back to it, the
// operator is told which DNS record to create (or, with -c hostedZoneId, the stack creates it).
const DOMAIN = 'cms.example.org';
const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
const ZONE = 'Z0123456789ABC';

const plain = await synthesized('dev');
const plainJson = plain.template;
const custom = await synthesized('dev', { domain: DOMAIN, certificateArn: CERTIFICATE });
const customJson = custom.template;
const zoned = await synthesized('prod', { domain: DOMAIN, certificateArn: CERTIFICATE, hostedZoneId: ZONE });
const zonedJson = zoned.template;

interface DistributionProps {
  DistributionConfig: {
    Aliases?: string[];
    ViewerCertificate?: {
      AcmCertificateArn?: string;
      MinimumProtocolVersion?: string;
      SslSupportMethod?: string;
      CloudFrontDefaultCertificate?: boolean;
    };
  };
}
/** A resource's properties by logical id; a missing resource fails the test that asked. */
function propsOf<P>(json: TemplateJson, id: string): P {
  const resource = json.Resources[id];
  if (!resource) throw new Error(`No resource ${id}`);
  return resource.Properties as P;
}
const distributionOf = (stack: CmsStack, json: TemplateJson) =>
  propsOf<DistributionProps>(json, logicalIdOf(stack, stack.console.distribution)).DistributionConfig;
const clientOf = (stack: CmsStack, json: TemplateJson) =>
  propsOf<{ CallbackURLs: unknown[]; LogoutURLs: unknown[] }>(json, logicalIdOf(stack, stack.console.client));
const cloudFrontName = (stack: CmsStack) => ({
  'Fn::GetAtt': [logicalIdOf(stack, stack.console.distribution), 'DomainName'],
});
const varsOf = (stack: CmsStack, json: TemplateJson, name: FunctionName) =>
  propsOf<{ Environment?: { Variables: Record<string, unknown> } }>(
    json,
    logicalIdOf(stack, stack.functions.byName[name]),
  ).Environment?.Variables ?? {};
const signedIn = (name: FunctionName) => ROUTES.some((r) => r.fn === name && r.access !== 'public');
const signedInPaths = [...new Set(ROUTES.filter((r) => r.access !== 'public').map((r) => r.path))];

describe('without -c domain: the CloudFront domain, as before', () => {
  it('no alias, CloudFront’s own certificate', () => {
    const config = distributionOf(plain.stack, plainJson);
    expect(config.Aliases).toBeUndefined();
    expect(config.ViewerCertificate).toBeUndefined();
  });

  it('login returns to the distribution domain and ConsoleUrl shows it', () => {
    const join = (path: string) => ({ 'Fn::Join': ['', ['https://', cloudFrontName(plain.stack), path]] });
    expect(clientOf(plain.stack, plainJson)).toMatchObject({
      CallbackURLs: [join(CALLBACK_PATH)],
      LogoutURLs: [join('/')],
    });
    expect(plainJson.Outputs?.ConsoleUrl?.Value).toEqual(join('/'));
  });

  it('no DNS record to create, no Route 53 resource, no CORS on token-bearing routes', () => {
    expect(plainJson.Outputs?.DnsRecord).toBeUndefined();
    expect(Object.values(plainJson.Resources).filter((r) => r.Type.startsWith('AWS::Route53::'))).toEqual([]);
    for (const path of signedInPaths) expect(preflights(plainJson).has(path), path).toBe(false);
  });
});

describe('with -c domain and -c certificateArn', () => {
  it('CloudFront answers on the domain with the imported certificate, TLS 1.2 (2021 ciphers) at least, SNI', () => {
    expect(distributionOf(custom.stack, customJson)).toMatchObject({
      Aliases: [DOMAIN],
      ViewerCertificate: {
        AcmCertificateArn: CERTIFICATE,
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      },
    });
    expect(MINIMUM_VIEWER_TLS).toBe('TLSv1.2_2021');
    // Imported by ARN: the stack neither creates nor validates a certificate.
    expect(resourcesOfType(customJson, 'AWS::CertificateManager::Certificate')).toEqual([]);
  });

  it('login returns to the domain, and ConsoleUrl is on it', () => {
    expect(clientOf(custom.stack, customJson)).toEqual(
      expect.objectContaining({
        CallbackURLs: [`https://${DOMAIN}${CALLBACK_PATH}`],
        LogoutURLs: [`https://${DOMAIN}/`],
      }),
    );
    expect(customJson.Outputs?.ConsoleUrl?.Value).toBe(`https://${DOMAIN}/`);
  });

  it('the domain’s origin may call the token-bearing routes (preflight and the functions’ echo list)', () => {
    const found = preflights(customJson);
    for (const path of signedInPaths) expect(found.get(path), path).toEqual([`'https://${DOMAIN}'`]);
    for (const name of Object.keys(FUNCTIONS) as FunctionName[])
      expect(varsOf(custom.stack, customJson, name)[ENV.corsOrigins], name).toBe(
        signedIn(name) ? `https://${DOMAIN}` : undefined,
      );
    // Also listed with -c corsOrigins, it is there once.
    const domain = parseCustomDomain({ domain: DOMAIN, certificateArn: CERTIFICATE });
    expect(stageConfig('dev', { corsOrigins: [`https://${DOMAIN}`], domain }).corsOrigins).toEqual([
      `https://${DOMAIN}`,
    ]);
  });

  it('without a hosted zone: the DnsRecord output names the CNAME to create, and no Route 53 resource', () => {
    expect(customJson.Outputs?.DnsRecord?.Value).toEqual({
      'Fn::Join': ['', [`${DOMAIN} CNAME `, cloudFrontName(custom.stack)]],
    });
    expect(Object.values(customJson.Resources).filter((r) => r.Type.startsWith('AWS::Route53::'))).toEqual(
      [],
    );
  });

  it('with -c hostedZoneId: alias A and AAAA records to the distribution in that zone', () => {
    const records = resourcesOfType<{
      HostedZoneId: string;
      Name: string;
      Type: string;
      AliasTarget: { DNSName: unknown };
    }>(zonedJson, 'AWS::Route53::RecordSet').map(([, r]) => r.Properties);
    expect(records.map((r) => r.Type).sort()).toEqual(['A', 'AAAA']);
    for (const record of records) {
      expect(record).toMatchObject({ HostedZoneId: ZONE, Name: `${DOMAIN}.` });
      expect(record.AliasTarget.DNSName).toEqual(cloudFrontName(zoned.stack));
    }
    expect(JSON.stringify(zonedJson.Outputs?.DnsRecord?.Value)).toContain(
      `created by this stack in hosted zone ${ZONE}`,
    );
  });
});

describe('refused at synth, with what to fix', () => {
  it.each([
    [{ domain: DOMAIN }, /needs "certificateArn"/],
    [{ certificateArn: CERTIFICATE }, /needs "domain"/],
    [{ hostedZoneId: ZONE }, /"hostedZoneId" needs "domain"/],
    [
      { domain: DOMAIN, certificateArn: CERTIFICATE.replace('us-east-1', 'eu-west-1') },
      /in eu-west-1, but CloudFront only uses certificates from us-east-1/,
    ],
    [
      { domain: DOMAIN, certificateArn: 'arn:aws:iam::123456789012:server-certificate/x' },
      /ACM certificate ARN/,
    ],
    [{ domain: 'https://cms.example.org', certificateArn: CERTIFICATE }, /host name/],
    [{ domain: 'cms.example.org/', certificateArn: CERTIFICATE }, /host name/],
    [{ domain: '*.example.org', certificateArn: CERTIFICATE }, /host name/],
    [{ domain: 'cms.example.org.', certificateArn: CERTIFICATE }, /host name/],
    [{ domain: 'cms', certificateArn: CERTIFICATE }, /host name/],
    [{ domain: '-cms.example.org', certificateArn: CERTIFICATE }, /host name/],
    [{ domain: DOMAIN, certificateArn: CERTIFICATE, hostedZoneId: 'example.org' }, /hosted zone id/],
  ])('%j', (input, message) => {
    expect(() => parseCustomDomain(input)).toThrow(message);
  });

  it('the stack itself refuses, before building anything', () => {
    expect(() => new CmsStack(new App(), 'Bad', { stage: 'dev', domain: DOMAIN })).toThrow(/certificateArn/);
  });

  it('accepts a valid domain in capitals, as its lowercase name', () => {
    expect(parseCustomDomain({ domain: 'CMS.Example.org', certificateArn: CERTIFICATE })).toEqual({
      name: DOMAIN,
      certificateArn: CERTIFICATE,
    });
    expect(parseCustomDomain({})).toBeUndefined();
  });
});
