import { isDeepStrictEqual } from 'node:util';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../../shared/store/keys.ts';
import { FIELDS, parse } from '../../../shared/store/model.ts';
import { pick } from '../../../shared/store/parse.ts';
import { CONTENT_IN_REVISION } from '../../../shared/store/workingCopy.ts';
import { scanPages } from './scanPages.ts';

/**
 * The working copy's head and its words (shared/store/workingCopy.ts), in both directions:
 *
 * - `split-working-copies` takes the words off every head written before the split, where they
 *   equal its newest revision's (as every content write saved both), so its next transition
 *   rewrites a head of under 1 KB. A head whose words differ from its newest revision is left as
 *   it is (it reads correctly either way) and reported.
 * - `join-working-copies` puts the words of its newest revision back on every split head: run it
 *   before going back to a release older than the split, whose functions expect the words on
 *   the head (they answer 500 for an article without them).
 *
 * Each head is updated on condition that it is still the version read and still in the layout
 * read, so an edit meanwhile is never undone: it is read again and redone. Idempotent (a second
 * run finds nothing to do) and resumable (`--from`).
 */
export const SPLIT_MIGRATION = 'split-working-copies';
export const JOIN_MIGRATION = 'join-working-copies';

export interface WorkingCopiesOptions {
  db: DynamoDBDocumentClient;
  contentTable: string;
  direction: 'split' | 'join';
  pageSize?: number;
  from?: string | undefined;
  maxPages?: number;
  log?: (line: string) => void;
}

export interface WorkingCopiesReport {
  /** Heads found still to do. */
  found: number;
  written: number;
  /**
   * Left as they are: on split, heads whose words differ from their newest revision; on join,
   * heads whose newest revision is missing.
   */
  kept: string[];
  pages: number;
  next: string | null;
}

const ATTEMPTS = 6;

export async function migrateWorkingCopies(options: WorkingCopiesOptions): Promise<WorkingCopiesReport> {
  const name = options.direction === 'split' ? SPLIT_MIGRATION : JOIN_MIGRATION;
  const report = { found: 0, written: 0, kept: [] as string[] };
  const run = await scanPages({
    ...options,
    name,
    scan: {
      TableName: options.contentTable,
      // Heads still in the layout this direction changes.
      FilterExpression:
        options.direction === 'split'
          ? 'sk = :head AND attribute_not_exists(#inRevision)'
          : 'sk = :head AND #inRevision = :true',
      ExpressionAttributeNames: { '#inRevision': CONTENT_IN_REVISION },
      ExpressionAttributeValues: {
        ':head': keys.working('').sk,
        ...(options.direction === 'join' ? { ':true': true } : {}),
      },
      ConsistentRead: true,
    },
    each: async (item) => {
      report.found += 1;
      const outcome = await migrateOne(options, String(item.id));
      if (outcome === 'written') report.written += 1;
      if (outcome === 'kept') report.kept.push(String(item.id));
    },
  });
  if (run.next === null) {
    options.log?.(`${name}: done (${report.written} of ${report.found} working copies written)`);
  }
  if (report.kept.length > 0) {
    options.log?.(
      `${name}: ${report.kept.length} left as they are (${options.direction === 'split' ? 'their words differ from their newest revision' : 'their newest revision is missing'}): ${report.kept.join(', ')}`,
    );
  }
  return { ...report, ...run };
}

async function migrateOne(options: WorkingCopiesOptions, id: string): Promise<'written' | 'kept' | 'none'> {
  const { db, contentTable: TableName } = options;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const { Item: head } = await db.send(
      new GetCommand({ TableName, Key: keys.working(id), ConsistentRead: true }),
    );
    if (!head) return 'none'; // deleted meanwhile
    const inRevision = head[CONTENT_IN_REVISION] === true;
    if (inRevision === (options.direction === 'split')) return 'none'; // done meanwhile
    const version = Number(head.version);
    const { Item: newest } = await db.send(
      new GetCommand({ TableName, Key: keys.revision(id, Number(head.revisionCount)), ConsistentRead: true }),
    );
    const words = newest ? pick(parse.revision(newest).content, FIELDS.revisionOnly) : null;
    let update: { UpdateExpression: string; values: Record<string, unknown>; names: Record<string, string> };
    const wordNames = FIELDS.revisionOnly.map((_, i) => `#w${i}`);
    const names: Record<string, string> = {
      '#inRevision': CONTENT_IN_REVISION,
      ...Object.fromEntries(FIELDS.revisionOnly.map((field, i) => [wordNames[i], field])),
    };
    if (options.direction === 'split') {
      if (!words || !isDeepStrictEqual(words, pick(parse.article(head), FIELDS.revisionOnly))) return 'kept';
      update = {
        UpdateExpression: `SET #inRevision = :true REMOVE ${wordNames.join(', ')}`,
        values: { ':true': true },
        names,
      };
    } else {
      // Its newest revision is missing: nothing to put back (the new code cannot read it either).
      if (!words) return 'kept';
      const values: Record<string, unknown> = {};
      const sets = FIELDS.revisionOnly.map((field, i) => {
        values[`:w${i}`] = words[field];
        return `#w${i} = :w${i}`;
      });
      update = { UpdateExpression: `SET ${sets.join(', ')} REMOVE #inRevision`, values, names };
    }
    try {
      await db.send(
        new UpdateCommand({
          TableName,
          Key: keys.working(id),
          UpdateExpression: update.UpdateExpression,
          ConditionExpression:
            options.direction === 'split'
              ? '#version = :version AND attribute_not_exists(#inRevision)'
              : '#version = :version AND #inRevision = :true',
          ExpressionAttributeNames: { ...update.names, '#version': 'version' },
          ExpressionAttributeValues: { ...update.values, ':version': version, ':true': true },
        }),
      );
      return 'written';
    } catch (error) {
      // Changed meanwhile: read it again.
      if (!(error instanceof Error) || error.name !== 'ConditionalCheckFailedException') throw error;
    }
  }
  throw new Error(`article ${id} kept changing; run the migration again`);
}
