import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { type NaggedStack, nagSuppressions } from './nag.ts';

/*
 * Applying the accepted cdk-nag findings (./nag.ts lists them, with their reasons) to the
 * constructs their paths name.
 */

/** Acknowledges each finding where it applies; a path that matches nothing is skipped (no WAF in dev). */
export function suppressNagFindings(stack: NaggedStack): void {
  for (const { paths, rules } of nagSuppressions(stack)) {
    for (const path of paths) {
      for (const construct of resolve(stack, path)) {
        for (const rule of rules) Validations.of(construct).acknowledge(rule);
      }
    }
  }
}

function resolve(stack: NaggedStack, path: string): IConstruct[] {
  if (path.endsWith('*')) {
    const prefix = path.slice(0, -1);
    return stack.node.children.filter((child) => child.node.id.startsWith(prefix));
  }
  const found = stack.node.tryFindChild(path.split('/')[0] ?? '');
  if (!found) return [];
  let current: IConstruct | undefined = found;
  for (const part of path.split('/').slice(1)) {
    current = current?.node.tryFindChild(part);
    if (!current) return [];
  }
  return current ? [current] : [];
}
