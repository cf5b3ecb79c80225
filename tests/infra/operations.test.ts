import { describe, expect, it } from 'vitest';
import { BACKUP_HOUR_UTC, BACKUP_RETENTION_DAYS } from '../../infra/constructs/backups.ts';
import { OUTPUTS } from '../../infra/deployed.ts';
import { TABLES } from '../../shared/store/tables.ts';
import { logicalIdOf, resourcesOfType, synthesized } from './synth.ts';

// What an operator relies on after `cdk deploy`: the backups of production's tables, and the
// outputs the operator tools (npm run users) read.
const prod = await synthesized('prod');
const dev = await synthesized('dev');
const prodJson = prod.template;
const devJson = dev.template;

interface PlanProps {
  BackupPlan: {
    BackupPlanName: string;
    BackupPlanRule: {
      RuleName: string;
      ScheduleExpression: string;
      TargetBackupVault: unknown;
      Lifecycle: { DeleteAfterDays: number };
    }[];
  };
}
interface SelectionProps {
  BackupPlanId: unknown;
  BackupSelection: { Resources: unknown[]; IamRoleArn: unknown };
}

describe('backups of the tables', () => {
  it('production: one daily rule kept 35 days, in a vault that outlives the stack', () => {
    const plans = resourcesOfType<PlanProps>(prodJson, 'AWS::Backup::BackupPlan');
    expect(plans).toHaveLength(1);
    const rules = plans[0]?.[1].Properties.BackupPlan.BackupPlanRule ?? [];
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      RuleName: 'Daily',
      ScheduleExpression: `cron(0 ${BACKUP_HOUR_UTC} * * ? *)`,
      Lifecycle: { DeleteAfterDays: 35 },
    });
    expect(BACKUP_RETENTION_DAYS).toBe(35);

    const vaults = resourcesOfType(prodJson, 'AWS::Backup::BackupVault');
    expect(vaults).toHaveLength(1);
    const [vaultId, vault] = vaults[0] ?? [];
    expect(vault?.DeletionPolicy).toBe('Retain');
    expect(rules[0]?.TargetBackupVault).toEqual({ 'Fn::GetAtt': [vaultId, 'BackupVaultName'] });
  });

  it('production: the selection is exactly the tables (content, comments, search), with a role that may back up and restore', () => {
    const selections = resourcesOfType<SelectionProps>(prodJson, 'AWS::Backup::BackupSelection');
    expect(selections).toHaveLength(1);
    const selection = selections[0]?.[1].Properties;
    const [planId] = resourcesOfType(prodJson, 'AWS::Backup::BackupPlan')[0] ?? [];
    expect(selection?.BackupPlanId).toEqual({ 'Fn::GetAtt': [planId, 'BackupPlanId'] });
    const tableIds = TABLES.map((definition) => logicalIdOf(prod.stack, prod.stack.data.table(definition)));
    // The search index can be rebuilt (reindex-search), but restoring it beside the content to the
    // same point is quicker than a rebuild of a whole archive: it is backed up with the others.
    expect(tableIds).toHaveLength(3);
    expect(selection?.BackupSelection.Resources).toEqual(
      tableIds.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] })),
    );

    const roleArn = selection?.BackupSelection.IamRoleArn as { 'Fn::GetAtt': [string, string] } | undefined;
    const roleId = roleArn?.['Fn::GetAtt'][0] ?? '';
    const role = prodJson.Resources[roleId]?.Properties as { ManagedPolicyArns: unknown[] };
    const policies = JSON.stringify(role.ManagedPolicyArns);
    expect(policies).toContain('service-role/AWSBackupServiceRolePolicyForBackup');
    expect(policies).toContain('service-role/AWSBackupServiceRolePolicyForRestores');
  });

  it('point-in-time recovery stays on for every table in both stages', () => {
    for (const template of [prodJson, devJson]) {
      const tables = resourcesOfType<{ Replicas: { PointInTimeRecoverySpecification?: unknown }[] }>(
        template,
        'AWS::DynamoDB::GlobalTable',
      );
      expect(tables).toHaveLength(TABLES.length);
      for (const [, table] of tables) {
        expect(table.Properties.Replicas[0]?.PointInTimeRecoverySpecification).toEqual({
          PointInTimeRecoveryEnabled: true,
        });
      }
    }
  });

  it('a dev stage has no backup plan, vault or selection', () => {
    expect(Object.values(devJson.Resources).filter((r) => r.Type.startsWith('AWS::Backup::'))).toEqual([]);
  });
});

describe('outputs the operator tools read', () => {
  it('every stage prints the user pool id under the key npm run users looks up', () => {
    for (const [stack, template] of [
      [prod.stack, prodJson],
      [dev.stack, devJson],
    ] as const) {
      expect(template.Outputs?.[OUTPUTS.userPoolId]?.Value).toEqual({
        Ref: logicalIdOf(stack, stack.auth.userPool),
      });
    }
  });
});
