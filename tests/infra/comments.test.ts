import { describe, expect, it } from 'vitest';
import { COMMENT_THROTTLING } from '../../infra/constructs/api.ts';
import { COMMENT_RATE_LIMIT } from '../../infra/constructs/waf.ts';
import { VIEWER_ADDRESS_HEADER } from '../../shared/http/clientAddress.ts';
import { ROUTES } from '../../shared/http/routes.ts';
import { resourcesOfType, synthesized, type TemplateJson } from './synth.ts';

// Synthesized without bundling: these tests read the template.
const template = async (stage: string, commentWaf?: boolean) =>
  (await synthesized(stage, commentWaf === undefined ? {} : { commentWaf })).template;

const dev = await template('dev');
const prod = await template('prod');
const devWithWaf = await template('dev', true);
const prodWithoutWaf = await template('prod', false);

interface Statement {
  ByteMatchStatement?: { SearchString: string };
  RegexMatchStatement?: { RegexString: string };
  NotStatement?: {
    Statement: { SizeConstraintStatement?: { FieldToMatch: { SingleHeader?: { Name: string } } } };
  };
}
interface WebAclProps {
  Scope: string;
  Rules: {
    Name: string;
    Priority: number;
    Action: { Block?: { CustomResponse?: { ResponseCode: number } } };
    Statement: {
      RateBasedStatement: {
        Limit: number;
        AggregateKeyType: string;
        ForwardedIPConfig?: { HeaderName: string; FallbackBehavior: string };
        ScopeDownStatement: { AndStatement: { Statements: Statement[] } };
      };
    };
  }[];
}

/** The URIs as WAF sees them: with the stage on the execute-api host, without behind a custom domain. */
const WRITES = [
  '/prod/v1/articles/tram-extension/comments',
  '/prod/v1/articles/tram-extension/comments/01J8Z/reports',
];

describe('the comment WAF', () => {
  const acls = resourcesOfType<WebAclProps>(prod, 'AWS::WAFv2::WebACL');
  const acl = acls[0]?.[1].Properties;
  const rule = (name: string) => {
    const found = acl?.Rules.find((r) => r.Name === name);
    if (!found) throw new Error(`No rule ${name}`);
    return found.Statement.RateBasedStatement;
  };
  const scope = (name: string) => {
    const statements = rule(name).ScopeDownStatement.AndStatement.Statements;
    const regex = new RegExp(
      statements.find((s) => s.RegexMatchStatement)?.RegexMatchStatement?.RegexString ?? '^$',
    );
    return { statements, regex };
  };

  it('is on in prod: rate-based rules on the public writes (comments and reports), associated with the stage', () => {
    expect(acls).toHaveLength(1);
    expect(acl?.Scope).toBe('REGIONAL');
    expect(acl?.Rules.map((r) => r.Name)).toEqual(['comment-rate-limit', 'comment-rate-limit-direct']);
    // Both public writes of the route table, nothing else.
    expect(ROUTES.filter((r) => r.access === 'public' && r.method !== 'GET').map((r) => r.id)).toEqual([
      'submitComment',
      'reportComment',
    ]);
    for (const r of acl?.Rules ?? []) {
      // A plain block, so API Gateway's WAF_FILTERED response (a 429 problem document) answers.
      expect(r.Action.Block, r.Name).toEqual({});
      expect(r.Statement.RateBasedStatement.Limit).toBe(COMMENT_RATE_LIMIT);
      const { statements, regex } = scope(r.Name);
      expect(statements.find((s) => s.ByteMatchStatement)?.ByteMatchStatement?.SearchString).toBe('POST');
      for (const uri of WRITES) {
        expect(regex.test(uri), uri).toBe(true);
        // Behind a custom domain the stage is not in the path; the rule must still match.
        expect(regex.test(uri.replace('/prod', '')), uri).toBe(true);
      }
      for (const other of [
        '/prod/v1/articles/tram-extension',
        '/prod/v1/admin/comments',
        '/prod/v1/articles/tram-extension/comments/01J8Z/replies',
        '/prod/v1/articles/tram-extension/comments/featured/reports/x',
      ])
        expect(regex.test(other), other).toBe(false);
    }

    const associations = resourcesOfType<{ ResourceArn: unknown }>(prod, 'AWS::WAFv2::WebACLAssociation');
    expect(associations).toHaveLength(1);
    expect(JSON.stringify(associations[0]?.[1].Properties.ResourceArn)).toContain('/stages/');
  });

  it("counts readers coming through CloudFront by the viewer's address, not the edge's", () => {
    const viewer = rule('comment-rate-limit');
    expect(viewer.AggregateKeyType).toBe('FORWARDED_IP');
    expect(viewer.ForwardedIPConfig?.HeaderName.toLowerCase()).toBe(VIEWER_ADDRESS_HEADER);
    // A value WAF cannot read as an address is not counted; MATCH would put all such requests in one
    // counter and block every reader at once.
    expect(viewer.ForwardedIPConfig?.FallbackBehavior).toBe('NO_MATCH');
  });

  it('counts a request without the viewer address (not through CloudFront) by its source address', () => {
    expect(rule('comment-rate-limit-direct').AggregateKeyType).toBe('IP');
    const absent = scope('comment-rate-limit-direct').statements.find((s) => s.NotStatement);
    expect(absent?.NotStatement?.Statement.SizeConstraintStatement?.FieldToMatch.SingleHeader?.Name).toBe(
      VIEWER_ADDRESS_HEADER,
    );
  });

  it('throttles each public write per method, tighter than the stage', () => {
    const [, stage] =
      resourcesOfType<{
        MethodSettings: { HttpMethod: string; ResourcePath: string; ThrottlingRateLimit?: number }[];
      }>(prod, 'AWS::ApiGateway::Stage')[0] ?? [];
    const posts = (stage?.Properties.MethodSettings ?? []).filter((m) => m.HttpMethod === 'POST');
    expect(posts.map((m) => m.ResourcePath).sort()).toEqual([
      '/~1v1~1articles~1{slug}~1comments',
      '/~1v1~1articles~1{slug}~1comments~1{id}~1reports',
    ]);
    for (const m of posts) expect(m.ThrottlingRateLimit).toBe(COMMENT_THROTTLING.throttlingRateLimit);
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
