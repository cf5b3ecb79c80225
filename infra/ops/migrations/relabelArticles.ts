import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { authorKeys } from '../../../shared/store/authorKeys.ts';
import { queryAll } from '../../../shared/store/query.ts';
import type { RelabelKind } from '../../../shared/store/relabelKeys.ts';
import { taxonomyKeys } from '../../../shared/store/taxonomyKeys.ts';
import { Relabeller } from '../../../shared/taxonomy/relabel.ts';

/**
 * The manual rerun of the relabel jobs the relay runs on each rename (shared/taxonomy/relabel.ts):
 * every renamed section and tag slug (their 301 items) carried into the articles still carrying it,
 * and every author's byline copies refreshed from their record. For a store renamed before the
 * relay did this, or after a job was dead-lettered.
 *
 * Idempotent: an article that already carries the new value is not written, so a second run
 * writes nothing. Resumable: each job prints its name; --from <kind>#<slug> starts at that job.
 */
export const RELABEL_ARTICLES_MIGRATION = 'relabel-articles';

export interface RelabelArticlesOptions {
  db: DynamoDBDocumentClient;
  contentTable: string;
  pageSize?: number;
  from?: string | undefined;
  log?: (line: string) => void;
}

export interface RelabelArticlesReport {
  jobs: number;
  /** Articles changed. */
  updated: number;
}

interface Job {
  kind: RelabelKind;
  from: string;
  to: string;
}

export async function relabelArticles(options: RelabelArticlesOptions): Promise<RelabelArticlesReport> {
  const { db, contentTable, log } = options;
  const jobs: Job[] = [];
  for (const kind of ['section', 'tag'] as const) {
    const moved = await queryAll(db, {
      TableName: contentTable,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': taxonomyKeys.movedPartition(kind) },
    });
    for (const item of moved) {
      if (typeof item.sk === 'string' && typeof item.to === 'string')
        jobs.push({ kind, from: item.sk, to: item.to });
    }
  }
  const authors = await queryAll(db, {
    TableName: contentTable,
    KeyConditionExpression: 'pk = :p',
    ExpressionAttributeValues: { ':p': authorKeys.partition },
  });
  for (const { sk } of authors) {
    if (typeof sk !== 'string' || !sk.startsWith(authorKeys.prefix)) continue;
    const slug = sk.slice(authorKeys.prefix.length);
    jobs.push({ kind: 'author', from: slug, to: slug });
  }
  const start = options.from ? jobs.findIndex((j) => `${j.kind}#${j.from}` === options.from) : 0;
  if (start < 0) throw new Error(`No job ${options.from}: name one as printed (<kind>#<slug>).`);
  const relabeller = new Relabeller(db, contentTable);
  let updated = 0;
  for (const job of jobs.slice(start)) {
    const done = await relabeller.runToEnd(job, { pageSize: Math.min(options.pageSize ?? 25, 100) });
    updated += done;
    log?.(`${job.kind}#${job.from} -> ${job.to}: ${done} articles changed`);
  }
  return { jobs: jobs.length - start, updated };
}
