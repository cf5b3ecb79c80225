import { describe, expect, it } from 'vitest';
import { COMMENT_THROTTLING } from '../../infra/constructs/api.ts';
import { COMMENT_RATE_LIMIT } from '../../infra/constructs/waf.ts';
import { resourcesOfType, synthesized } from './synth.ts';

// Synthesized without bundling: these tests read the template.
const template = async (stage: string, commentWaf?: boolean) =>
  (await synthesized(stage, commentWaf === undefined ? {} : { commentWaf })).template;

const dev = await template('dev');
const prod = await template('prod');
const devWithWaf = await template('dev', true);
const prodWithoutWaf = await template('prod', false);

interface WebAclProps {
  Scope: string;
  Rules: {
    Name: string;
    Action: { Block?: { CustomResponse?: { ResponseCode: number } } };
    Statement: {
      RateBasedStatement: {
        Limit: number;
        AggregateKeyType: string;
        ScopeDownStatement: {
          AndStatement: {
            Statements: {
              ByteMatchStatement?: { SearchString: string };
              RegexMatchStatement?: { RegexString: string };
            }[];
          };
        };
      };
    };
  }[];
}

describe('the comment WAF', () => {
  it('is on in prod: a rate-based rule on POSTs to the public comment route, associated with the stage', () => {
    const acls = resourcesOfType<WebAclProps>(prod, 'AWS::WAFv2::WebACL');
    expect(acls).toHaveLength(1);
    const acl = acls[0]?.[1].Properties;
    expect(acl?.Scope).toBe('REGIONAL');
    const rule = acl?.Rules.find((r) => r.Name === 'comment-rate-limit');
    // A plain block, so API Gateway's WAF_FILTERED response (a 429 problem document) answers.
    expect(rule?.Action.Block).toEqual({});
    const rate = rule?.Statement.RateBasedStatement;
    expect(rate?.Limit).toBe(COMMENT_RATE_LIMIT);
    expect(rate?.AggregateKeyType).toBe('IP');
    const statements = rate?.ScopeDownStatement.AndStatement.Statements ?? [];
    expect(statements.find((s) => s.ByteMatchStatement)?.ByteMatchStatement?.SearchString).toBe('POST');
    const regex = new RegExp(
      statements.find((s) => s.RegexMatchStatement)?.RegexMatchStatement?.RegexString ?? '^$',
    );
    expect(regex.test('/prod/v1/articles/tram-extension/comments')).toBe(true);
    // Behind a custom domain the stage is not in the path; the rule must still match.
    expect(regex.test('/v1/articles/tram-extension/comments')).toBe(true);
    expect(regex.test('/prod/v1/articles/tram-extension')).toBe(false);
    expect(regex.test('/prod/v1/admin/comments')).toBe(false);

    const associations = resourcesOfType<{ ResourceArn: unknown }>(prod, 'AWS::WAFv2::WebACLAssociation');
    expect(associations).toHaveLength(1);
    expect(JSON.stringify(associations[0]?.[1].Properties.ResourceArn)).toContain('/stages/');
  });

  it('answers a blocked client with a 429 problem document and Retry-After, from API Gateway', () => {
    const responses = resourcesOfType<{
      ResponseType: string;
      StatusCode: string;
      ResponseParameters: Record<string, string>;
      ResponseTemplates: Record<string, string>;
    }>(prod, 'AWS::ApiGateway::GatewayResponse').map(([, r]) => r.Properties);
    const filtered = responses.find((r) => r.ResponseType === 'WAF_FILTERED');
    expect(filtered?.StatusCode).toBe('429');
    expect(filtered?.ResponseParameters['gatewayresponse.header.Content-Type']).toBe(
      "'application/problem+json'",
    );
    expect(filtered?.ResponseParameters['gatewayresponse.header.Retry-After']).toBe("'300'");
    expect(JSON.parse(filtered?.ResponseTemplates['application/json'] ?? '{}')).toMatchObject({
      type: '/problems/too-many-requests',
      status: 429,
    });
  });

  it('is off by default in other stages, and a stack property turns it on or off', () => {
    expect(resourcesOfType(dev, 'AWS::WAFv2::WebACL')).toHaveLength(0);
    expect(resourcesOfType(devWithWaf, 'AWS::WAFv2::WebACL')).toHaveLength(1);
    expect(resourcesOfType(prodWithoutWaf, 'AWS::WAFv2::WebACL')).toHaveLength(0);
  });
});

describe('comment submission throttling', () => {
  it('gives the public comment route a tighter per-method limit than the stage', () => {
    const [, stage] =
      resourcesOfType<{
        MethodSettings: {
          HttpMethod: string;
          ResourcePath: string;
          ThrottlingRateLimit: number;
          ThrottlingBurstLimit: number;
        }[];
      }>(dev, 'AWS::ApiGateway::Stage')[0] ?? [];
    const setting = stage?.Properties.MethodSettings.find((s) => s.HttpMethod === 'POST');
    // API Gateway escapes / as ~1 in method setting paths.
    expect(setting?.ResourcePath).toBe('/~1v1~1articles~1{slug}~1comments');
    expect(setting?.ThrottlingRateLimit).toBe(COMMENT_THROTTLING.throttlingRateLimit);
    expect(setting?.ThrottlingBurstLimit).toBe(COMMENT_THROTTLING.throttlingBurstLimit);
  });
});
