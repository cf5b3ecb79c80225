import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.ts';
import { FIELDS, parse, type StoredArticle } from './model.ts';
import { type Item, pick } from './parse.ts';

/**
 * A working copy is two items: its head (`WORKING`: status, version, title, section, the counts,
 * the index attributes) and, for its standfirst, body, source, search fields and lead image, its
 * newest revision, which every content write puts anyway (`REV#<revisionCount>`). A write that
 * saves no content (a transition, a schedule, a correction, a comment count) then rewrites a head
 * of well under 1 KB instead of the whole article, and a content write stores the words once, in
 * the revision, not twice.
 *
 * A head written before this split holds its words itself and has no `contentInRevision`; it is
 * read as it is, and its next content write moves them out.
 */
export const CONTENT_IN_REVISION = 'contentInRevision';

/** Whether a head keeps its words in its newest revision. */
export const inRevision = (head: Item) => head[CONTENT_IN_REVISION] === true;

/**
 * The working copy from its head and the revision read beside it, or null when the two are from
 * different writes: a Query or BatchGetItem is not isolated from a transaction in flight and can
 * see the head of a content write without its revision, or the reverse. Then read again.
 */
export function workingCopyOf(head: Item, newest: Item | undefined): StoredArticle | null {
  if (!inRevision(head)) return parse.article(head);
  if (!newest || newest.n !== head.revisionCount) return null;
  const { content } = parse.revision(newest);
  return parse.article({ ...head, ...pick(content, FIELDS.revisionOnly) });
}

/**
 * The Query that reads a head and its newest revision: REV#<n> sorts just below WORKING, and the
 * partition's other items (AUDIT#) below both, so the two are the range's last two items.
 */
function workingCopyQuery(tableName: string, id: string): QueryCommandInput {
  return {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :rev AND :head',
    ExpressionAttributeValues: {
      ':pk': keys.articlePartition(id),
      ':rev': keys.revisionPrefix,
      ':head': keys.working(id).sk,
    },
    ScanIndexForward: false,
    Limit: 2,
    ConsistentRead: true,
  };
}

/**
 * A head read, again and again, beside another revision than the one it names: a content write
 * still being applied (a Query is not isolated from a transaction), or, if it lasts, a revision
 * lost. Named in availability.ts, so the caller gets a 503 with Retry-After, not a 500.
 */
export class WorkingCopyTorn extends Error {
  override readonly name = 'WorkingCopyTorn';
}

/** Reads a working copy, again if it met a content write half applied. */
export async function readWorkingCopy(
  db: DynamoDBDocumentClient,
  tableName: string,
  id: string,
): Promise<StoredArticle | null> {
  for (let attempt = 1; ; attempt += 1) {
    const { Items = [] } = await db.send(new QueryCommand(workingCopyQuery(tableName, id)));
    const [head, newest] = Items;
    if (!head || head.sk !== keys.working(id).sk) return null;
    const article = workingCopyOf(head, newest);
    if (article) return article;
    if (attempt === TORN_READ_ATTEMPTS) {
      throw new WorkingCopyTorn(
        `Working copy ${id}: its head names revision ${String(head.revisionCount)}, which is not there`,
      );
    }
    // A transaction's items are visible within milliseconds of each other; a large one (an import
    // with many image checks) may take longer: 20 ms doubling, about 0.6 s in all.
    await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** (attempt - 1)));
  }
}

const TORN_READ_ATTEMPTS = 6;
