import { type aws_apigateway as apigateway, aws_wafv2 as wafv2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { VIEWER_ADDRESS_HEADER } from '../../shared/http/clientAddress.ts';
import { ROUTES } from '../../shared/http/routes.ts';

/** Requests per client address per window on the public comment writes before WAF blocks. */
export const COMMENT_RATE_LIMIT = 100;
/** WAF's rate window; a blocked client is told to wait this long (Retry-After). */
export const COMMENT_RATE_WINDOW_SECONDS = 300;

/** The public writes, which readers make without an account: comment submission and reports. */
export const PUBLIC_WRITE_ROUTES = ROUTES.filter(
  (route) => route.access === 'public' && route.method !== 'GET',
);

export interface CommentShieldProps {
  readonly stage: apigateway.Stage;
  /** The stage's name as a plain string (the API stage's own name is a token), for metric names. */
  readonly stageName: string;
}

/**
 * A regional web ACL in front of the API stage. Its rate-based rules count only the public writes
 * (comments and reports), per reader, so a flood is stopped before it reaches Lambda or DynamoDB;
 * reads are never rate-limited by it. The function's own flood control (per fingerprint, with
 * Retry-After) still applies below this.
 *
 * Readers come through CloudFront, so the address the API sees is an edge server's: keyed on it, one
 * busy edge location would be one client. The readers' requests are keyed on the viewer address
 * CloudFront states instead. `CloudFront-Viewer-Address` is `ip:port`, so:
 * - FORWARDED_IP on that header: WAF reads the (first) address in it, so the count is per viewer.
 *   A value WAF cannot read as an address is not counted (NO_MATCH): with MATCH, every such request
 *   would share one counter, and a parsing surprise would block every reader at once. AWS does not
 *   document WAF's reading of `ip:port` in a custom header and no AWS account was at hand to try it:
 *   after the first deploy, the rule's CountedRequests/sampled requests show whether it counts (if
 *   not, the function's per-reader flood window is what remains; docs/security.md).
 * - not CUSTOM_KEYS on the header's text: the port differs with each connection, so a client would
 *   only have to reconnect to be a new key;
 * - not X-Forwarded-For: its first entry is whatever the viewer sent, CloudFront appends after it.
 * A request without the header did not come through CloudFront: it is keyed on its source address.
 * A direct caller who writes the header himself escapes these rules (WAF cannot check the origin
 * secret without holding it), but the function then keys him by his source address (flood window,
 * one report per comment), and the method's throttling still caps him.
 */
export class CommentShield extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  /** The web ACL's name, also its CloudWatch metric name (the `WebACL` dimension of AWS/WAFV2). */
  readonly webAclMetricName: string;

  constructor(scope: Construct, id: string, { stage, stageName }: CommentShieldProps) {
    super(scope, id);
    const methods = [...new Set(PUBLIC_WRITE_ROUTES.map((route) => route.method))];
    if (methods.length !== 1) throw new Error('The public writes are expected to share one method');
    // The URI as WAF sees it: /{stage}/v1/... on the execute-api host, or /v1/... (after any base
    // path) behind a custom domain.
    const paths = PUBLIC_WRITE_ROUTES.map((route) => route.path.replace(/\{\w+\}/g, '[^/]+'));
    const pathPattern = `^(/[^/]+)?(${paths.join('|')})/?$`;
    const metric = (name: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      // Per stage, so that two stages in one account and region do not add up on a dashboard.
      metricName: `newsroom-cms-${stageName}-${name}`,
    });
    this.webAclMetricName = metric('api').metricName;
    const publicWrites: wafv2.CfnWebACL.StatementProperty[] = [
      {
        byteMatchStatement: {
          fieldToMatch: { method: {} },
          positionalConstraint: 'EXACTLY',
          searchString: methods[0] ?? 'POST',
          textTransformations: [{ priority: 0, type: 'NONE' }],
        },
      },
      {
        regexMatchStatement: {
          fieldToMatch: { uriPath: {} },
          regexString: pathPattern,
          textTransformations: [{ priority: 0, type: 'NONE' }],
        },
      },
    ];
    const viewerAddressPresent: wafv2.CfnWebACL.StatementProperty = {
      sizeConstraintStatement: {
        fieldToMatch: { singleHeader: { Name: VIEWER_ADDRESS_HEADER } },
        comparisonOperator: 'GT',
        size: 0,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    };

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      // Named as its metric, so CloudWatch's WebACL dimension is the same whichever it is read as.
      name: this.webAclMetricName,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: metric('api'),
      rules: [
        {
          name: 'comment-rate-limit',
          priority: 0,
          // A plain block: API Gateway then answers with its WAF_FILTERED response, which
          // infra/constructs/problems.ts makes a 429 problem document with Retry-After.
          action: { block: {} },
          visibilityConfig: metric('comment-rate'),
          statement: {
            rateBasedStatement: {
              limit: COMMENT_RATE_LIMIT,
              evaluationWindowSec: COMMENT_RATE_WINDOW_SECONDS,
              // Only requests that carry the header are counted here (WAF skips the others).
              aggregateKeyType: 'FORWARDED_IP',
              forwardedIpConfig: { headerName: VIEWER_ADDRESS_HEADER, fallbackBehavior: 'NO_MATCH' },
              scopeDownStatement: { andStatement: { statements: publicWrites } },
            },
          },
        },
        {
          name: 'comment-rate-limit-direct',
          priority: 1,
          action: { block: {} },
          visibilityConfig: metric('comment-rate-direct'),
          statement: {
            rateBasedStatement: {
              limit: COMMENT_RATE_LIMIT,
              evaluationWindowSec: COMMENT_RATE_WINDOW_SECONDS,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                andStatement: {
                  statements: [...publicWrites, { notStatement: { statement: viewerAddressPresent } }],
                },
              },
            },
          },
        },
      ],
    });

    new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
