import { RemovalPolicy } from 'aws-cdk-lib';
import { STAGE_NAME } from './deployed.ts';

/** Everything that differs between stages, decided here and nowhere else. */
export interface StageConfig {
  readonly name: string;
  readonly isProd: boolean;
  /** For stateful resources (tables, user pool, secret, logs): prod keeps them when the stack goes. */
  readonly removalPolicy: RemovalPolicy;
  /** A WAF web ACL with a rate-based rule on the public comment route (on by default in prod). */
  readonly commentWaf: boolean;
}

export function stageConfig(name: string, overrides: { commentWaf?: boolean | undefined } = {}): StageConfig {
  if (!STAGE_NAME.test(name)) {
    throw new Error(
      `Invalid stage "${name}": use 1-20 lowercase letters, digits or hyphens, starting with a letter.`,
    );
  }
  const isProd = name === 'prod';
  return {
    name,
    isProd,
    removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    commentWaf: overrides.commentWaf ?? isProd,
  };
}
