import { describe, expect, it } from 'vitest';
import { stageConfig } from '../../infra/stage.ts';
import { ENV } from '../../shared/env.ts';
import { logicalIdOf, resourcesOfType, synthesized, type TemplateJson } from './synth.ts';

// The comments widget on the console's distribution: /embed/* from the console's bucket with CORS
// for the newsroom's site origins (-c siteOrigins=), none of the console's page headers, the loader
// cached briefly and invalidated on deploy, versions for a year. Nothing else opens to those origins.
const SITE = 'https://www.example.org';
const plain = await synthesized('dev');
const withSites = await synthesized('dev', { siteOrigins: [SITE] });

interface Behavior {
  PathPattern?: string;
  TargetOriginId: string;
  ResponseHeadersPolicyId?: { Ref: string };
  AllowedMethods?: string[];
}
function embedBehavior({ stack, template }: { stack: typeof plain.stack; template: TemplateJson }) {
  const id = logicalIdOf(stack, stack.console.distribution);
  const properties = template.Resources[id]?.Properties as
    | { DistributionConfig: { CacheBehaviors: Behavior[]; DefaultCacheBehavior: Behavior } }
    | undefined;
  if (!properties) throw new Error('no distribution');
  const config = properties.DistributionConfig;
  const behavior = config.CacheBehaviors.find((b) => b.PathPattern === '/embed/*');
  if (!behavior) throw new Error('no /embed/* behaviour');
  const policyId = behavior.ResponseHeadersPolicyId?.Ref ?? '';
  const policy = template.Resources[policyId]?.Properties as {
    ResponseHeadersPolicyConfig: Record<string, any>;
  };
  return { behavior, defaults: config.DefaultCacheBehavior, policy: policy.ResponseHeadersPolicyConfig };
}

describe('the comments widget in AWS', () => {
  it('is served from the console bucket under /embed/*, with CORS for the site origins only', () => {
    const { behavior, defaults, policy } = embedBehavior(withSites);
    expect(behavior.TargetOriginId).toBe(defaults.TargetOriginId);
    expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(policy.CorsConfig.AccessControlAllowOrigins.Items).toEqual([SITE]);
    expect(policy.CorsConfig.AccessControlAllowCredentials).toBe(false);
    expect(policy.CustomHeadersConfig.Items).toContainEqual({
      Header: 'Cross-Origin-Resource-Policy',
      Value: 'cross-origin',
      Override: true,
    });
    // The console's CSP and frame rules are for the console's pages, not a newsroom's.
    expect(policy.SecurityHeadersConfig.ContentSecurityPolicy).toBeUndefined();
    expect(policy.SecurityHeadersConfig.FrameOptions).toBeUndefined();
    // Without site origins, no origin may load it.
    expect(embedBehavior(plain).policy.CorsConfig).toBeUndefined();
  });

  it('deploys the loader short-cached and invalidated, the versions cached for a year', () => {
    const deployments = resourcesOfType<{
      SystemMetadata?: Record<string, string>;
      DistributionPaths?: string[];
    }>(withSites.template, 'Custom::CDKBucketDeployment').map(([, r]) => r.Properties);
    const loader = deployments.find((d) => d.DistributionPaths?.includes('/embed/comments.js'));
    expect(loader?.SystemMetadata?.['cache-control']).toBe('public, max-age=300');
    const versions = deployments.find(
      (d) =>
        d.SystemMetadata?.['cache-control']?.includes('immutable') &&
        d.SystemMetadata?.['content-type']?.startsWith('text/javascript'),
    );
    expect(versions?.SystemMetadata?.['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('changes nothing else: no function learns the site origins, token-bearing routes stay closed to them', () => {
    for (const [, fn] of resourcesOfType<{ Environment?: { Variables?: Record<string, unknown> } }>(
      withSites.template,
      'AWS::Lambda::Function',
    )) {
      expect(JSON.stringify(fn.Properties.Environment?.Variables ?? {})).not.toContain(SITE);
      expect(fn.Properties.Environment?.Variables?.[ENV.corsOrigins]).toBeUndefined();
    }
    expect(withSites.stack.stage.corsOrigins).toEqual([]);
    expect(JSON.stringify(withSites.template.Resources).split(SITE).length - 1).toBe(1);
  });

  it('refuses a site origin that is not an origin', () => {
    for (const bad of ['*', 'https://www.example.org/news', 'http://www.example.org', 'www.example.org']) {
      expect(() => stageConfig('dev', { siteOrigins: [bad] }), bad).toThrow(/origin/i);
    }
    expect(stageConfig('dev', { siteOrigins: [SITE, SITE] }).siteOrigins).toEqual([SITE]);
  });
});
