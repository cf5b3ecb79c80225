import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { nagSuppressions } from '../../infra/nag.ts';
import { synthStack } from './synth.ts';

/**
 * cdk-nag's AwsSolutions pack on both stages: no unsuppressed error. Each suppression in
 * infra/nag.ts names its rule, where it applies and why; anything new fails here with the list.
 */
function findings(stage: string): string[] {
  const { app } = synthStack(stage);
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

describe('cdk-nag AwsSolutions', () => {
  it.each(['dev', 'prod'])(
    '%s: no unsuppressed error',
    (stage) => {
      const errors = findings(stage);
      expect(errors, errors.join('\n')).toEqual([]);
    },
    120_000,
  );

  it('gives every suppression a reason a reviewer can weigh', () => {
    for (const { rules } of nagSuppressions(synthStack('prod').stack)) {
      for (const { id, reason } of rules) {
        expect(id).toMatch(/^AwsSolutions-[A-Z]+\d+/);
        expect(reason.length, id).toBeGreaterThan(40);
      }
    }
  });
});
