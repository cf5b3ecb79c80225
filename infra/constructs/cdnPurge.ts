import {
  type aws_cloudfront as cloudfront,
  Duration,
  aws_lambda_destinations as destinations,
  aws_events as events,
  aws_events_targets as eventTargets,
  aws_iam as iam,
  type aws_lambda as lambda,
  type RemovalPolicy,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ENV } from '../../shared/env.ts';
import { PURGE_EVENT_TYPES } from '../../shared/integrations/cdnPaths.ts';
import { EVENT_SOURCE } from '../../shared/integrations/events.ts';
import type { Alarms } from './alarms.ts';

export interface CdnPurgeProps {
  /** The purge function (functions/cdnPurge.ts), created with the others and wired here. */
  readonly fn: lambda.Function;
  readonly distribution: cloudfront.IDistribution;
  readonly bus: events.IEventBus;
  readonly alarms: Alarms;
  readonly removalPolicy: RemovalPolicy;
}

/** How long an undelivered or failing purge is retried: past that, the bounded s-maxage has served it. */
export const PURGE_MAX_EVENT_AGE = Duration.hours(1);

/**
 * Purging the CDN on publish: a rule on the bus sends the events that change public answers to the
 * purge function, which invalidates their paths on the distribution. Built after the console: the
 * distribution depends on the API, which depends on the API functions, so the purge function
 * (not behind the API) gets the distribution's id and its one permission here, and no resource
 * depends on itself.
 *
 * Failures end in one dead-letter queue with an alarm: an event EventBridge could not hand to
 * Lambda (rule target retries), and an event whose purge kept failing (Lambda's asynchronous
 * retries, then its on-failure destination).
 */
export class CdnPurge extends Construct {
  readonly rule: events.Rule;
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, { fn, distribution, bus, alarms, removalPolicy }: CdnPurgeProps) {
    super(scope, id);
    this.deadLetters = new sqs.Queue(this, 'PurgeDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy,
    });
    alarms.onDeadLetters(
      'PurgeDeadLetters',
      this.deadLetters,
      'Events whose CDN invalidation failed (readers may see a stale page until its s-maxage)',
    );

    fn.addEnvironment(ENV.cdnDistributionId, distribution.distributionId);
    // Least privilege: invalidations on this one distribution, nothing else in CloudFront.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['cloudfront:CreateInvalidation'],
        resources: [distribution.distributionArn],
      }),
    );
    fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: PURGE_MAX_EVENT_AGE,
      onFailure: new destinations.SqsDestination(this.deadLetters),
    });

    this.rule = new events.Rule(this, 'PurgeOnPublish', {
      description: 'Events that change cached public answers: invalidate their paths on the CDN',
      eventBus: bus,
      eventPattern: { source: [EVENT_SOURCE], detailType: [...PURGE_EVENT_TYPES] },
    });
    this.rule.addTarget(
      new eventTargets.LambdaFunction(fn, {
        retryAttempts: 8,
        maxEventAge: PURGE_MAX_EVENT_AGE,
        deadLetterQueue: this.deadLetters,
      }),
    );
  }
}
