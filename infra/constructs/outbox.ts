import {
  Duration,
  type aws_dynamodb as dynamodb,
  aws_lambda as lambda,
  type RemovalPolicy,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { OUTBOX_SOURCES } from '../../shared/integrations/outbox.ts';
import type { TableDefinition } from '../../shared/store/tables.ts';
import type { Alarms } from './alarms.ts';

export interface OutboxProps {
  /** The stream function (functions/eventRelay.ts). */
  readonly relay: lambda.IFunction;
  readonly tableOf: (definition: TableDefinition) => dynamodb.ITableV2;
  readonly alarms: Alarms;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The outbox's delivery: each table's stream feeds the relay function, which puts the events of
 * committed writes on the bus. Records whose events EventBridge refused are retried (the
 * function reports them as batch item failures; a failing batch is split in halves to find the
 * bad record), a bounded number of times and for a bounded age; then the batch's description goes
 * to the event dead-letter queue, which raises an alarm.
 */
export class Outbox extends Construct {
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, { relay, tableOf, alarms, removalPolicy }: OutboxProps) {
    super(scope, id);
    this.deadLetters = new sqs.Queue(this, 'EventDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy,
    });
    alarms.onDeadLetters(
      'EventDeadLetters',
      this.deadLetters,
      'Stream records whose events were not delivered',
    );

    for (const source of OUTBOX_SOURCES) {
      const table = tableOf(source.table);
      relay.addEventSource(
        new DynamoEventSource(table, {
          // From the oldest record kept: nothing committed before the mapping existed is skipped.
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          batchSize: 100,
          // Up to a second to fill a batch: events stay prompt, invocations few.
          maxBatchingWindow: Duration.seconds(1),
          bisectBatchOnError: true,
          reportBatchItemFailures: true,
          retryAttempts: 5,
          maxRecordAge: Duration.hours(6),
          // One batch at a time per shard: the events of one item keep their order.
          parallelizationFactor: 1,
          onFailure: new SqsDlq(this.deadLetters),
          // Only the items that announce anything or feed the search index invoke the function.
          filters: [
            lambda.FilterCriteria.filter({
              dynamodb: {
                Keys: {
                  sk: {
                    S: [
                      ...lambda.FilterRule.or(...source.sortKeys),
                      ...(source.sortKeyPrefixes ?? []).flatMap((p) => lambda.FilterRule.beginsWith(p)),
                    ],
                  },
                },
              },
            }),
            ...(source.partitionKeys
              ? [
                  lambda.FilterCriteria.filter({
                    dynamodb: { Keys: { pk: { S: lambda.FilterRule.or(...source.partitionKeys) } } },
                  }),
                ]
              : []),
          ],
        }),
      );
    }
  }
}
