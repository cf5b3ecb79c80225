import { PATH_PARAMS } from '../../shared/http/routes/define.ts';
import type { Coverage, LiveEntry, PublicLiveEntry } from '../../shared/schemas/live.ts';

/** Examples of live coverage for the OpenAPI document (beside examples.ts, which is at its size limit). */
const SLUG = 'storm-eunice-live-harbour-closed-as-winds-reach-90mph';
const ARTICLE = PATH_PARAMS.id.example;
const ENTRY = PATH_PARAMS.entry.example;
const AT = '2026-12-07T09:42:00.000Z';

const body = [
  {
    type: 'paragraph' as const,
    text: [
      { text: 'The harbour master has closed the outer harbour: ', marks: [] },
      { text: 'no sailings before 3pm', marks: [{ type: 'bold' as const }] },
      { text: '.', marks: [] },
    ],
  },
];

const publicEntry: PublicLiveEntry = {
  id: ENTRY,
  url: `/v1/articles/${SLUG}/entries/${ENTRY}`,
  body,
  authors: ['a3f1c2e4-desk-editor'],
  postedAt: AT,
  updatedAt: AT,
  edited: false,
  pinned: true,
  keyEvent: true,
  removed: false,
  changeId: ENTRY,
};

const entry: LiveEntry = {
  ...publicEntry,
  body,
  version: 1,
  hidden: false,
  deleted: false,
  draftId: null,
  trace: [{ action: 'posted', by: 'a3f1c2e4-desk-editor', at: AT }],
};

const coverage: Coverage = {
  articleId: ARTICLE,
  slug: SLUG,
  state: 'live',
  contributors: ['b7d2e9f0-reporter'],
  startedAt: '2026-12-07T07:00:00.000Z',
  endedAt: null,
  canPost: true,
};

export const LIVE_EXAMPLES: Record<string, unknown> = {
  CoverageInput: { state: 'live', contributors: ['b7d2e9f0-reporter'] },
  Coverage: coverage,
  LiveEntryInput: { body, pinned: true, keyEvent: true },
  LiveEntryPatch: { pinned: false },
  LiveEntry: entry,
  PublicLiveEntry: publicEntry,
  LiveFeed: { items: [publicEntry], nextCursor: null, since: ENTRY },
  LiveDesk: { coverage, items: [entry], nextCursor: null },
  LiveDraft: {
    articleId: '01KAX3X8C0E2G4J6L8N0Q2S4U6',
    entry: { ...entry, draftId: '01KAX3X8C0E2G4J6L8N0Q2S4U6' },
  },
};
