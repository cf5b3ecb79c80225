import { describe, expect, it } from 'vitest';
import { DESK_ROUTES } from '../../shared/http/routes/desk.ts';
import { keys } from '../../shared/store/keys.ts';
import { CONTENT_TABLE } from '../../shared/store/tables.ts';
import { logicalIdOf, resourcesOfType, statementsOfRole, synthesized } from './synth.ts';

/**
 * What the desk (autosaves and presence, shared/store/deskStore.ts) needs of the template: the
 * content table expiring its items by the attribute the desk writes, the editorial function allowed
 * exactly the calls the desk store makes there, and the relay not invoked by the desk's writes.
 */
const { stack, template } = await synthesized('dev');
const contentId = logicalIdOf(stack, stack.data.table(CONTENT_TABLE));
const asArray = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);

describe('the desk in the template', () => {
  it('expires autosaves and heartbeats by TTL on expiresAt, the attribute the desk store writes', () => {
    const table = template.Resources[contentId]?.Properties as {
      TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
    };
    expect(CONTENT_TABLE.ttlAttribute).toBe('expiresAt');
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('lets the editorial function, which serves the desk routes, get, put, delete and query content items', () => {
    expect(new Set(DESK_ROUTES.map((r) => r.fn))).toEqual(new Set(['editorial']));
    const fn = template.Resources[logicalIdOf(stack, stack.functions.byName.editorial)]?.Properties as {
      Role: { 'Fn::GetAtt': [string, string] };
    };
    const tableArn = JSON.stringify({ 'Fn::GetAtt': [contentId, 'Arn'] });
    const onTable = statementsOfRole(template, fn.Role['Fn::GetAtt'][0])
      .filter((s) => asArray(s.Resource).some((r) => JSON.stringify(r) === tableArn))
      .flatMap((s) => asArray(s.Action));
    expect(onTable).toEqual(
      expect.arrayContaining([
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:DeleteItem',
        'dynamodb:Query',
      ]),
    );
    expect(onTable).not.toContain('dynamodb:Scan');
  });

  it('does not invoke the relay for a keystroke or a heartbeat: its stream filter names other sort keys', () => {
    const mapping = resourcesOfType<{
      EventSourceArn: unknown;
      FilterCriteria: { Filters: { Pattern: string }[] };
    }>(template, 'AWS::Lambda::EventSourceMapping').find(
      ([, m]) =>
        JSON.stringify(m.Properties.EventSourceArn) ===
        JSON.stringify({ 'Fn::GetAtt': [contentId, 'StreamArn'] }),
    );
    const patterns = mapping?.[1].Properties.FilterCriteria.Filters.map((f) => f.Pattern) ?? [];
    expect(patterns.length).toBeGreaterThan(0);
    // A pattern names sort keys or partition keys (records keyed by their partition), each an exact
    // value or a prefix; a desk item must match none of them.
    type Values = (string | { prefix: string })[];
    type Pattern = { dynamodb: { Keys: { pk?: { S: Values }; sk?: { S: Values } } } };
    const matches = (values: Values | undefined, value: string) =>
      (values ?? []).some((v) => (typeof v === 'string' ? v === value : value.startsWith(v.prefix)));
    const relays = (key: { pk: string; sk: string }) =>
      patterns.some((p) => {
        const { pk, sk } = (JSON.parse(p) as Pattern).dynamodb.Keys;
        return matches(pk?.S, key.pk) || matches(sk?.S, key.sk);
      });
    expect(relays(keys.working('a'))).toBe(true);
    for (const key of [keys.autosave('a', 'b'), keys.presence('a', 'b')]) expect(relays(key)).toBe(false);
  });
});
