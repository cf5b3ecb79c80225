import { RemovalPolicy } from 'aws-cdk-lib';
import { parseOrigins } from '../shared/http/cors.ts';
import { STAGE_NAME } from './deployed.ts';
import { type CustomDomain, originOf } from './domain.ts';

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
  /**
   * The newsroom's own sites, whose pages load the comments widget from /embed/ on the console's
   * distribution (`-c siteOrigins=`). The widget's API calls are public routes, which answer any
   * origin already; this opens nothing else. None by default: the widget then loads nowhere else.
   */
  readonly siteOrigins: readonly string[];
  /** The newsroom's own host for the console and the API (`-c domain=`); the CloudFront domain without it. */
  readonly domain?: CustomDomain;
}

export function stageConfig(
  name: string,
  overrides: {
    commentWaf?: boolean | undefined;
    corsOrigins?: readonly string[] | undefined;
    siteOrigins?: readonly string[] | undefined;
    domain?: CustomDomain | undefined;
  } = {},
): StageConfig {
  if (!STAGE_NAME.test(name)) {
    throw new Error(
      `Invalid stage "${name}": use 1-20 lowercase letters, digits or hyphens, starting with a letter.`,
    );
  }
  const isProd = name === 'prod';
  const { domain } = overrides;
  // The console's own origin on the custom domain may call the token-bearing routes at the API's
  // direct address too (ApiUrl); on its own host it is same-origin and needs no CORS at all.
  const origins = [...(overrides.corsOrigins ?? []), ...(domain ? [originOf(domain)] : [])];
  return {
    name,
    isProd,
    removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    commentWaf: overrides.commentWaf ?? isProd,
    // Validated here, so a wildcard or a URL with a path fails synth rather than a browser.
    corsOrigins: [...new Set(parseOrigins(origins.join(',')))],
    siteOrigins: [...new Set(parseOrigins((overrides.siteOrigins ?? []).join(',')))],
    ...(domain ? { domain } : {}),
  };
}
