import {
  aws_backup as backup,
  Duration,
  type aws_dynamodb as dynamodb,
  aws_events as events,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { StageConfig } from '../stage.ts';

/** How long a daily backup is kept, and when it is taken (UTC, a quiet hour for a newsroom). */
export const BACKUP_RETENTION_DAYS = 35;
export const BACKUP_HOUR_UTC = 3;

export interface TableBackupsProps {
  readonly stage: StageConfig;
  readonly tables: readonly dynamodb.ITableV2[];
}

/**
 * A daily AWS Backup of the tables, kept 35 days, beside point-in-time recovery: PITR restores
 * any second of the last 35 days but lives and dies with the table's account and settings;
 * these backups sit in a vault of their own that outlives the stack.
 */
export class TableBackups extends Construct {
  readonly vault: backup.BackupVault;
  readonly plan: backup.BackupPlan;

  constructor(scope: Construct, id: string, { stage, tables }: TableBackupsProps) {
    super(scope, id);
    this.vault = new backup.BackupVault(this, 'Vault', { removalPolicy: stage.removalPolicy });
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: `newsroom-cms-${stage.name}-tables`,
      backupVault: this.vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'Daily',
          scheduleExpression: events.Schedule.cron({ hour: String(BACKUP_HOUR_UTC), minute: '0' }),
          deleteAfter: Duration.days(BACKUP_RETENTION_DAYS),
        }),
      ],
    });
    this.plan.addSelection('Tables', {
      resources: tables.map((table) => backup.BackupResource.fromArn(table.tableArn)),
      allowRestores: true,
    });
  }
}
