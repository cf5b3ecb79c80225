import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { COMMENT_STATUSES, type CommentStatus } from '../schemas/facts.ts';
import { authorKeys } from '../store/authorKeys.ts';
import { commentKeys } from '../store/commentKeys.ts';
import { frontKeys } from '../store/frontKeys.ts';
import { keys } from '../store/keys.ts';
import { liveKeys } from '../store/live/liveKeys.ts';
import { mediaKeys } from '../store/mediaKeys.ts';
import { RELABEL_PREFIX } from '../store/relabelKeys.ts';
import { isSlugRedirect } from '../store/slugRedirects.ts';
import { COMMENTS_TABLE, CONTENT_TABLE, type TableDefinition } from '../store/tables.ts';
import { taxonomyKeys } from '../store/taxonomyKeys.ts';
import { LIVE_RECORD_PREFIX, type LiveEvent, liveEvents } from './liveEvents.ts';
import { type RecordEvent, recordEvents } from './recordEvents.ts';

/**
 * The transactional outbox: events derived from the tables' streams, so an event exists exactly
 * when the write it announces committed. Pure: one stream record in, its events out. Each event
 * names the version it concerns, so a consumer that sees one twice (a retried batch) drops it by
 * (type, id, version).
 *
 * - ArticlePublished: the live snapshot (`SLUG#<slug>` / `LIVE`) appears, or its version changes.
 *   `version` is the version that went live.
 * - ArticleUnpublished: the live snapshot is removed. `version` is the version that stopped being
 *   public, and slug and section are the ones the public saw (not those of an unpublished edit).
 * - CommentPosted: a comment is stored (with its status: `approved` at once in post-moderation).
 * - CommentApproved / CommentRejected: a comment's status becomes approved, or rejected or spam,
 *   whether on posting or by a moderator. A comment's `version` is its number of moderation
 *   decisions, which every status change raises by one.
 *
 * - FrontUpdated: a published front's resolved item (`FRONT#<name>` / `RESOLVED`) is written with a
 *   new serial: published, or resolved again because a story changed or a pin expired.
 * - SectionChanged, TagChanged, AuthorChanged, SiteSettingsChanged, ArticlesRelabelled: the records
 *   public pages show besides articles, and a rename reaching the stored articles
 *   (shared/integrations/recordEvents.ts).
 *
 * Anything else (a comment or featured count moving on the snapshot, comments closing or
 * reopening, a working copy, an audit entry, a requeue, featuring a comment, an erased comment)
 * announces nothing. Closing shows on the public article (commentsOpen) within its cache lifetime
 * (60 s); an automatic close happens by the clock, with no write to announce, so an event for
 * closes by hand only would be one consumers could not rely on. Featuring, like a count, changes
 * no article version.
 */
export interface ArticleEventDetail {
  id: string;
  slug: string;
  section: string;
  version: number;
  /** When the write committed. */
  at: string;
  /** ArticlePublished: the corrections readers see, newest first (a correction is a new version). */
  corrections?: { text: string; at: string }[];
  /**
   * The article's earlier slugs, which redirect to this one (docs/slugs.md): on the publication
   * that moved it there, and on its unpublish. The CDN purge names their paths too.
   */
  movedFrom?: string[];
}

export interface CommentEventDetail {
  id: string;
  articleId: string;
  slug: string;
  status: CommentStatus;
  version: number;
  at: string;
}

/** FrontUpdated: a published front's resolved item changed; `version` counts its writes. */
export interface FrontEventDetail {
  id: string;
  name: string;
  /** Fronts have no slug (consumers reading every event's slug find none). */
  slug?: undefined;
  version: number;
  at: string;
}

export type CmsEvent =
  | { type: 'ArticlePublished' | 'ArticleUnpublished'; detail: ArticleEventDetail }
  | { type: 'FrontUpdated'; detail: FrontEventDetail }
  | { type: 'CommentPosted' | 'CommentApproved' | 'CommentRejected'; detail: CommentEventDetail }
  | LiveEvent
  | RecordEvent;

export type CmsEventType = CmsEvent['type'];

/**
 * The streams the relay reads, and the item families of each that announce anything or feed the
 * search index (by sort key, or its start): infra subscribes the relay with these as filters, so
 * no other write invokes it. Live snapshots announce and feed readers' search; working copies feed
 * the desk's, media records the library's; comments announce and feed the moderators' search;
 * resolved fronts announce FrontUpdated.
 */
export const OUTBOX_SOURCES: readonly {
  table: TableDefinition;
  sortKeys: readonly string[];
  sortKeyPrefixes?: readonly string[];
  /** Item families keyed by partition (a section's sort key is its slug): matched on pk instead. */
  partitionKeys?: readonly string[];
}[] = [
  {
    table: CONTENT_TABLE,
    sortKeys: [
      keys.liveSnapshot('').sk,
      keys.working('').sk,
      frontKeys.live('').sk,
      keys.siteSettings.sk,
      // A coverage starting or ending changes its story's live badge on fronts.
      liveKeys.coverage('').sk,
    ],
    sortKeyPrefixes: [mediaKeys.mediaPrefix, LIVE_RECORD_PREFIX, authorKeys.prefix, RELABEL_PREFIX],
    // Records announce their changes; a renamed slug's 301 item starts the relabel of its articles.
    partitionKeys: [
      taxonomyKeys.partition('section'),
      taxonomyKeys.partition('tag'),
      taxonomyKeys.movedPartition('section'),
      taxonomyKeys.movedPartition('tag'),
    ],
  },
  { table: COMMENTS_TABLE, sortKeys: [commentKeys.comment('').sk] },
];
export const ARTICLE_EVENT_TYPES = ['ArticlePublished', 'ArticleUnpublished'] as const;
export const COMMENT_EVENT_TYPES = ['CommentPosted', 'CommentApproved', 'CommentRejected'] as const;

/** A decoded stream record: what changed, before and after, and when DynamoDB committed it. */
export interface Change {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  oldImage: Record<string, unknown> | undefined;
  newImage: Record<string, unknown> | undefined;
  /** DynamoDB's approximate commit time (whole seconds in AWS; DynamoDB Local rounds further). */
  committedAt: string;
}

/**
 * A DynamoDB stream record as Lambda delivers it (creation time in epoch seconds) or as
 * GetRecords returns it (a Date). Images are in DynamoDB's wire format.
 */
export interface StreamRecord {
  eventID?: string | undefined;
  eventName?: string | undefined;
  dynamodb?:
    | {
        ApproximateCreationDateTime?: number | Date | undefined;
        NewImage?: Record<string, unknown> | undefined;
        OldImage?: Record<string, unknown> | undefined;
        SequenceNumber?: string | undefined;
      }
    | undefined;
}

const decode = (image: Record<string, unknown> | undefined) =>
  image ? (unmarshall(image as Record<string, AttributeValue>) as Record<string, unknown>) : undefined;

/** The record decoded, or null for one that is not a data change (never seen in practice). */
export function changeOf(record: StreamRecord): Change | null {
  const { eventName, dynamodb } = record;
  if (eventName !== 'INSERT' && eventName !== 'MODIFY' && eventName !== 'REMOVE') return null;
  const created = dynamodb?.ApproximateCreationDateTime;
  const committedAt = (
    created instanceof Date ? created : new Date(typeof created === 'number' ? created * 1000 : Date.now())
  ).toISOString();
  return {
    eventName,
    oldImage: decode(dynamodb?.OldImage),
    newImage: decode(dynamodb?.NewImage),
    committedAt,
  };
}

type Item = Record<string, unknown>;

const str = (item: Item, field: string): string | undefined =>
  typeof item[field] === 'string' ? (item[field] as string) : undefined;
const int = (item: Item, field: string): number | undefined =>
  Number.isInteger(item[field]) ? (item[field] as number) : undefined;

const sameKey = (item: Item, key: { pk: string; sk: string }) => item.pk === key.pk && item.sk === key.sk;

/** A live snapshot with what an article event names; a half-written item is not one. */
function snapshot(item: Item | undefined): (Omit<ArticleEventDetail, 'at'> & { updatedAt?: string }) | null {
  if (!item) return null;
  const slug = str(item, 'slug');
  if (slug === undefined || !sameKey(item, keys.liveSnapshot(slug))) return null;
  const id = str(item, 'id');
  const section = str(item, 'section');
  const version = int(item, 'version');
  if (id === undefined || section === undefined || version === undefined) return null;
  const updatedAt = str(item, 'updatedAt');
  const corrections = Array.isArray(item.corrections)
    ? (item.corrections as unknown[]).flatMap((c) => {
        const { text, at } = (c ?? {}) as Item;
        return typeof text === 'string' && typeof at === 'string' ? [{ text, at }] : [];
      })
    : [];
  const movedFrom = Array.isArray(item.movedFrom)
    ? (item.movedFrom as unknown[]).filter((s): s is string => typeof s === 'string')
    : [];
  return {
    id,
    slug,
    section,
    version,
    ...(updatedAt ? { updatedAt } : {}),
    corrections,
    ...(movedFrom.length > 0 ? { movedFrom } : {}),
  };
}

interface CommentFacts {
  id: string;
  articleId: string;
  slug: string;
  status: CommentStatus;
  version: number;
  createdAt: string | undefined;
  /** When its latest moderation decision was made. */
  decidedAt: string | undefined;
}

function comment(item: Item | undefined): CommentFacts | null {
  if (!item) return null;
  const id = str(item, 'id');
  if (id === undefined || !sameKey(item, commentKeys.comment(id))) return null;
  const articleId = str(item, 'articleId');
  const slug = str(item, 'articleSlug');
  const status = str(item, 'status');
  if (articleId === undefined || slug === undefined || !COMMENT_STATUSES.includes(status as CommentStatus)) {
    return null;
  }
  const moderation = Array.isArray(item.moderation) ? (item.moderation as unknown[]) : [];
  const last = moderation.at(-1);
  const decidedAt =
    last && typeof last === 'object' && typeof (last as Item).at === 'string'
      ? ((last as Item).at as string)
      : undefined;
  return {
    id,
    articleId,
    slug,
    status: status as CommentStatus,
    // The log keeps only its newest entries; `decisions` counts them all (older items: the length).
    version: int(item, 'decisions') ?? moderation.length,
    createdAt: str(item, 'createdAt'),
    decidedAt,
  };
}

/** The events one committed change announces, in the order they happened. */
export function eventsOf(change: Change): CmsEvent[] {
  return [
    ...articleEvents(change),
    ...commentEvents(change),
    ...frontEvents(change),
    ...liveEvents(change),
    ...recordEvents(change),
  ];
}

function frontEvents({ oldImage, newImage, committedAt }: Change): CmsEvent[] {
  const name = newImage ? str(newImage, 'name') : undefined;
  if (!newImage || name === undefined || !sameKey(newImage, frontKeys.live(name))) return [];
  const serial = int(newImage, 'serial');
  if (serial === undefined || (oldImage && int(oldImage, 'serial') === serial)) return [];
  const at = str(newImage, 'resolvedAt') ?? committedAt;
  return [{ type: 'FrontUpdated', detail: { id: name, name, version: serial, at } }];
}

function articleEvents({ oldImage, newImage, committedAt }: Change): CmsEvent[] {
  // A snapshot replaced by a redirect moved (docs/slugs.md): the new slug's snapshot announces it.
  if (isSlugRedirect(newImage)) return [];
  const before = snapshot(oldImage);
  const after = snapshot(newImage);
  const events: CmsEvent[] = [];
  // A different slug is a different item, so one record never holds two snapshots' identities;
  // compare by version only within the same item.
  if (after && (!before || before.version !== after.version)) {
    const { updatedAt, movedFrom, ...rest } = after;
    // Only the publication that moved it there names the old paths (a later one has no need).
    const detail = before || !movedFrom ? rest : { ...rest, movedFrom };
    // The snapshot's updatedAt is written by the very write that publishes it.
    events.push({ type: 'ArticlePublished', detail: { ...detail, at: updatedAt ?? committedAt } });
  }
  if (before && !after) {
    const { updatedAt: _, corrections: __, ...detail } = before;
    // A removal writes no time of its own: DynamoDB's commit time stands for it.
    events.push({ type: 'ArticleUnpublished', detail: { ...detail, at: committedAt } });
  }
  return events;
}

function commentEvents({ oldImage, newImage, committedAt }: Change): CmsEvent[] {
  const before = comment(oldImage);
  const after = comment(newImage);
  if (!after) return [];
  const detail = (at: string | undefined): CommentEventDetail => ({
    id: after.id,
    articleId: after.articleId,
    slug: after.slug,
    status: after.status,
    version: after.version,
    at: at ?? committedAt,
  });
  const events: CmsEvent[] = [];
  if (!before) events.push({ type: 'CommentPosted', detail: detail(after.createdAt) });
  if (before?.status === after.status) return events;
  const decidedAt = before ? after.decidedAt : after.createdAt;
  if (after.status === 'approved') events.push({ type: 'CommentApproved', detail: detail(decidedAt) });
  if (after.status === 'rejected' || after.status === 'spam') {
    events.push({ type: 'CommentRejected', detail: detail(decidedAt) });
  }
  return events;
}
