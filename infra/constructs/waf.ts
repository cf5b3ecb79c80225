import { type aws_apigateway as apigateway, aws_wafv2 as wafv2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { findRouteById } from '../../shared/http/routes.ts';

/** Requests per client address per five minutes on the public comment route before WAF blocks. */
export const COMMENT_RATE_LIMIT = 100;

export interface CommentShieldProps {
  readonly stage: apigateway.Stage;
  /** The stage name as plain text: the deployed stage's own name is a token at synth time. */
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

  constructor(scope: Construct, id: string, { stage, stageName }: CommentShieldProps) {
    super(scope, id);
    const route = findRouteById('submitComment');
    // /{stage}/v1/articles/{slug}/comments as API Gateway sees the URI.
    const pathPattern = `^/${stageName}${route.path.replace(/\{\w+\}/g, '[^/]+')}/?$`;
    const metric = (name: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `newsroom-cms-${name}`,
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: metric('api'),
      customResponseBodies: {
        tooManyComments: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: '/problems/too-many-requests',
            title: 'Too many requests',
            status: 429,
            detail: 'Too many comments from your address; try again in a few minutes.',
          }),
        },
      },
      rules: [
        {
          name: 'comment-rate-limit',
          priority: 0,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'tooManyComments',
                responseHeaders: [{ name: 'Retry-After', value: '300' }],
              },
            },
          },
          visibilityConfig: metric('comment-rate'),
          statement: {
            rateBasedStatement: {
              limit: COMMENT_RATE_LIMIT,
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
