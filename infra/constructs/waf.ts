import { type aws_apigateway as apigateway, aws_wafv2 as wafv2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { findRouteById } from '../../shared/http/routes.ts';

/** Requests per client address per window on the public comment route before WAF blocks. */
export const COMMENT_RATE_LIMIT = 100;
/** WAF's rate window; a blocked client is told to wait this long (Retry-After). */
export const COMMENT_RATE_WINDOW_SECONDS = 300;

export interface CommentShieldProps {
  readonly stage: apigateway.Stage;
  /** The stage's name as a plain string (the API stage's own name is a token), for metric names. */
  readonly stageName: string;
}

/**
 * A regional web ACL in front of the API stage. Its rate-based rule counts only POSTs to the
 * public comment route, per client address, so a flood of comments is stopped at the edge before
 * it reaches Lambda or DynamoDB; reads are never rate-limited by it. The function's own flood
 * control (per fingerprint, with Retry-After) still applies below this.
 */
export class CommentShield extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  /** The web ACL's name, also its CloudWatch metric name (the `WebACL` dimension of AWS/WAFV2). */
  readonly webAclMetricName: string;

  constructor(scope: Construct, id: string, { stage, stageName }: CommentShieldProps) {
    super(scope, id);
    const route = findRouteById('submitComment');
    // The URI as WAF sees it: /{stage}/v1/articles/{slug}/comments on the execute-api host, or
    // /v1/articles/{slug}/comments (after any base path) behind a custom domain.
    const pathPattern = `^(/[^/]+)?${route.path.replace(/\{\w+\}/g, '[^/]+')}/?$`;
    const metric = (name: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      // Per stage, so that two stages in one account and region do not add up on a dashboard.
      metricName: `newsroom-cms-${stageName}-${name}`,
    });
    this.webAclMetricName = metric('api').metricName;

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
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    {
                      byteMatchStatement: {
                        fieldToMatch: { method: {} },
                        positionalConstraint: 'EXACTLY',
                        searchString: route.method,
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
                  ],
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
