import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { nagSuppressions } from '../../infra/nag.ts';
import { type SynthOptions, synthStack } from './synth.ts';

/**
 * cdk-nag's AwsSolutions pack on both stages: no unsuppressed error. Each suppression in
 * infra/nag.ts names its rule, where it applies and why; anything new fails here with the list.
 */
function findings(stage: string, options: SynthOptions = {}): string[] {
  const { app } = synthStack(stage, options);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    app.synth();
    return [];
  } catch (error) {
    const report = String((error as Error).message);
    // Each finding: "ERROR <text>\n   <construct path> <type>\n   Acknowledge with '<rule>'".
    const found = [...report.matchAll(/ERROR ([^\n]*)\n\s+(\S+) [^\n]*\n\s+Acknowledge with '([^']+)'/g)].map(
      ([, text, path, rule]) => `${rule} on ${path}: ${text}`,
    );
    return found.length > 0 ? found : [report];
  }
}

// Each synthesized (with the checks, so not from the run's cache) as the file loads, where no test's
// timeout runs: these are the slowest synths of the suite.
const CUSTOM_DOMAIN = {
  domain: 'cms.example.org',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666',
};
const found: Record<string, string[]> = {
  dev: findings('dev'),
  prod: findings('prod'),
  'prod on a custom domain': findings('prod', CUSTOM_DOMAIN),
};
const prodStack = synthStack('prod').stack;
const customStack = synthStack('prod', CUSTOM_DOMAIN).stack;

describe('cdk-nag AwsSolutions', () => {
  it.each(['dev', 'prod'])('%s: no unsuppressed error', (stage) => {
    const errors = found[stage] ?? ['not synthesized'];
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it("prod on a custom domain: no unsuppressed error, and CloudFront's default certificate is no longer accepted", () => {
    const errors = found['prod on a custom domain'] ?? ['not synthesized'];
    expect(errors, errors.join('\n')).toEqual([]);
    const acknowledged = nagSuppressions(customStack).flatMap((g) => g.rules.map((r) => r.id));
    expect(acknowledged).not.toContain('AwsSolutions-CFR4');
    expect(nagSuppressions(prodStack).flatMap((g) => g.rules.map((r) => r.id))).toContain(
      'AwsSolutions-CFR4',
    );
  });

  it('gives every suppression a reason a reviewer can weigh', () => {
    for (const { rules } of nagSuppressions(prodStack)) {
      for (const { id, reason } of rules) {
        expect(id).toMatch(/^AwsSolutions-[A-Z]+\d+/);
        expect(reason.length, id).toBeGreaterThan(40);
      }
    }
  });
});
