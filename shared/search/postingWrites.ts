import { createHash } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { BatchUnfinished, batchDelete, batchPut } from '../store/batch.ts';
import { ANALYZER_VERSION, analyzeDocument } from './analyzer.ts';
import { type SearchScope, searchKeys } from './keys.ts';
import type { SearchDocument } from './searchIndex.ts';

/**
 * Writing the index (layout in keys.ts): a document's entry, its terms item, and one posting per
 * term and prefix. Only the relay writes; an edit rewrites only the postings that changed.
 */

/** The index's table and the client that reaches it. */
export interface IndexTable {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Postings one Query reads (postingQuery.ts's CHUNK unless given: a test crosses it with few documents). */
  readonly chunk?: number;
}

interface PostingAttrs {
  s: number;
  w?: string[];
}
export interface TermsItem {
  at: string;
  v: number;
  t: Record<string, number>;
  p: Record<string, { w: string[]; s: number }>;
  source?: string;
  /** A digest of the document as last indexed: an unchanged one is not written again. */
  hash?: string;
}

/** The postings a document is listed under: partition key → attributes. */
function postingsOf(scope: SearchScope, terms: Pick<TermsItem, 't' | 'p'>): Map<string, PostingAttrs> {
  const out = new Map<string, PostingAttrs>();
  for (const [term, s] of Object.entries(terms.t)) out.set(searchKeys.term(scope, term), { s });
  for (const [key, { w, s }] of Object.entries(terms.p)) out.set(searchKeys.prefix(scope, key), { s, w });
  return out;
}

const samePosting = (a: PostingAttrs | undefined, b: PostingAttrs) =>
  a !== undefined && a.s === b.s && (a.w ?? []).join(' ') === (b.w ?? []).join(' ');

export async function putDocument(t: IndexTable, doc: SearchDocument): Promise<boolean> {
  const termsKey = searchKeys.terms(doc.scope, doc.id);
  const old = await termsOf(t, doc.scope, doc.id);
  // Nothing it shows or is found by changed (a retried record, a second reindex): nothing to write.
  const hash = createHash('sha256')
    .update(JSON.stringify([ANALYZER_VERSION, doc]))
    .digest('base64url');
  if (old?.hash === hash && old.v === ANALYZER_VERSION) return false;
  const analyzed = analyzeDocument(doc.fields);
  const next: TermsItem = {
    at: searchKeys.posting(doc.at, doc.id),
    v: ANALYZER_VERSION,
    t: Object.fromEntries([...analyzed.terms, ...doc.filters.map((f) => [f, 0] as const)]),
    p: Object.fromEntries(
      [...analyzed.prefixes].map(([key, { words, score }]) => [key, { w: words, s: score }]),
    ),
    ...(doc.source !== undefined ? { source: doc.source } : {}),
    hash,
  };
  const wanted = postingsOf(doc.scope, next);
  const had = old ? postingsOf(doc.scope, old) : new Map<string, PostingAttrs>();
  // Same date and analyzer: only what changed is written. Otherwise every posting moves.
  const inPlace = old !== null && old.at === next.at && old.v === ANALYZER_VERSION;
  const puts = [...wanted]
    .filter(([pk, attrs]) => !inPlace || !samePosting(had.get(pk), attrs))
    .map(([pk, attrs]) => ({ pk, sk: next.at, ...attrs }));
  const deletes = old
    ? [...had.keys()].filter((pk) => !wanted.has(pk) || old.at !== next.at).map((pk) => ({ pk, sk: old.at }))
    : [];
  await batchPut(t.db, t.tableName, puts);
  const left = await batchDelete(t.db, t.tableName, deletes);
  if (left.length > 0) throw new BatchUnfinished(left.length, 'undeleted');
  // The entry and the terms last: a retry after a failure above diffs against the old terms again.
  await batchPut(t.db, t.tableName, [
    {
      ...searchKeys.document(doc.scope, doc.id),
      at: next.at,
      v: ANALYZER_VERSION,
      entry: doc.entry,
      text: doc.text,
      ...(doc.source !== undefined ? { source: doc.source } : {}),
    },
    { ...termsKey, ...next },
  ]);
  return true;
}

export async function removeDocument(
  t: IndexTable,
  scope: SearchScope,
  id: string,
  source?: string,
): Promise<void> {
  try {
    await t.db.send(
      new DeleteCommand({
        TableName: t.tableName,
        Key: searchKeys.document(scope, id),
        ...(source !== undefined
          ? {
              ConditionExpression: 'attribute_not_exists(pk) OR #source = :source',
              ExpressionAttributeNames: { '#source': 'source' },
              ExpressionAttributeValues: { ':source': source },
            }
          : {}),
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return;
    throw error;
  }
  const old = await termsOf(t, scope, id);
  if (!old) return;
  const left = await batchDelete(
    t.db,
    t.tableName,
    [...postingsOf(scope, old).keys()].map((pk) => ({ pk, sk: old.at })),
  );
  if (left.length > 0) throw new BatchUnfinished(left.length, 'undeleted');
  await t.db.send(new DeleteCommand({ TableName: t.tableName, Key: searchKeys.terms(scope, id) }));
}

/** What a document is indexed under, or null; the analyzer version it was indexed with comes along. */
export async function termsOf(t: IndexTable, scope: SearchScope, id: string): Promise<TermsItem | null> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: t.tableName, Key: searchKeys.terms(scope, id), ConsistentRead: true }),
  );
  return Item ? (Item as unknown as TermsItem) : null;
}
