import { RemovalPolicy } from 'aws-cdk-lib';
import { parseOrigins } from '../shared/http/cors.ts';
import { STAGE_NAME } from './deployed.ts';

/** Everything that differs between stages, decided here and nowhere else. */
export interface StageConfig {
  readonly name: string;
  readonly isProd: boolean;
  /** For stateful resources (tables, user pool, secret, logs): prod keeps them when the stack goes. */
  readonly removalPolicy: RemovalPolicy;
  /** A WAF web ACL with a rate-based rule on the public comment route (on by default in prod). */
  readonly commentWaf: boolean;
  /**
   * Browser origins that may call the token-bearing routes from another origin (`-c corsOrigins=`).
   * None by default: the console is served on the API's own origin. Public routes answer any origin.
   */
  readonly corsOrigins: readonly string[];
}

export function stageConfig(
  name: string,
  overrides: { commentWaf?: boolean | undefined; corsOrigins?: readonly string[] | undefined } = {},
): StageConfig {
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
    // Validated here, so a wildcard or a URL with a path fails synth rather than a browser.
    corsOrigins: parseOrigins((overrides.corsOrigins ?? []).join(',')),
  };
}
