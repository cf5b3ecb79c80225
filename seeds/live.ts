import { ulidFactory } from '../shared/clock.ts';
import { LiveEntryInputSchema } from '../shared/schemas/live.ts';
import { createLiveCoverage } from '../shared/services/live/liveCoverage.ts';
import type { ArticleStore } from '../shared/store/articleStore.ts';
import type { createDocumentClient } from '../shared/store/client.ts';
import { LiveStore } from '../shared/store/live/liveStore.ts';
import { LIVE_STORY } from './liveStory.ts';
import { SEED_USERS } from './load.ts';

type Author = 'dev-author' | 'dev-author-2';

/** Minutes after the story went live, who posted it, and what it says. */
const ENTRIES: { at: number; by: Author; text: string; keyEvent?: true; pinned?: true }[] = [
  {
    at: 2,
    by: 'dev-author-2',
    pinned: true,
    text: 'What you need to know: the outer harbour is closed, Skerrin ferries are cancelled all day, the Esplanade is shut between the lifeboat station and Quay Street, and the council helpline is 01632 960 441.',
  },
  {
    at: 6,
    by: 'dev-author',
    text: 'At the harbour wall the wind is already strong enough to push people sideways. Fishing boats were moved into the inner basin overnight.',
  },
  {
    at: 14,
    by: 'dev-author-2',
    text: 'In the city centre, the market traders on Chandler Row have packed up their awnings. One told us they would not open until Monday.',
  },
  {
    at: 21,
    by: 'dev-author',
    keyEvent: true,
    text: 'The harbour master has closed the inner harbour as well: no vessel may leave or enter until further notice.',
  },
  {
    at: 33,
    by: 'dev-author-2',
    text: 'Tram services on the Quayside line are running at reduced speed between Linden Park and the terminus because of debris on the tracks.',
  },
  {
    at: 41,
    by: 'dev-author',
    text: 'Waves are breaking over the sea wall at the fish quay. Council staff have put up barriers at the top of the slipway.',
  },
  {
    at: 52,
    by: 'dev-author-2',
    text: 'Port Aldry General says it is running as normal and asks people to come to the emergency department only for urgent care today.',
  },
  {
    at: 64,
    by: 'dev-author',
    text: 'A section of scaffolding has come down on Tanner Street. Nobody was hurt; the road is closed while engineers check the building.',
  },
  {
    at: 78,
    by: 'dev-author-2',
    text: 'The weather station on Skerrin Head has recorded a gust of 74mph, the strongest so far today.',
  },
  {
    at: 95,
    by: 'dev-author',
    keyEvent: true,
    text: 'Power cut: about 2,300 homes in Harbourside and Millbrook are without electricity. The network operator expects most to be reconnected by early evening.',
  },
  {
    at: 110,
    by: 'dev-author-2',
    text: 'Three schools that had planned weekend events in their halls have cancelled them. Millbrook Primary says its Saturday fair moves to next week.',
  },
  {
    at: 126,
    by: 'dev-author',
    text: 'The lifeboat crew launched from the inner basin to help a yacht whose mooring had broken. The two people aboard are safe.',
  },
  {
    at: 143,
    by: 'dev-author-2',
    text: 'Readers have sent photographs of a fallen beech across the path in Linden Park. The council says the park will stay closed until tomorrow.',
  },
  {
    at: 161,
    by: 'dev-author',
    text: 'The wind has eased a little at the harbour, though the sea is still running high against the wall at high tide.',
  },
  {
    at: 180,
    by: 'dev-author-2',
    text: 'The warning stays in force until 9pm. We will keep updating this page through the afternoon.',
  },
];

/**
 * Starts the coverage of the sample storm story and posts its entries, each at its own time,
 * through the live coverage service, as the desk would. Skipped when the story is missing or
 * already has coverage. Returns the number of entries posted.
 */
export async function loadLiveCoverage(
  db: ReturnType<typeof createDocumentClient>,
  contentTable: string,
  articles: ArticleStore,
): Promise<number> {
  const { items } = await articles.listFeed('all', 50, undefined);
  const story = items.find((s) => s.title === LIVE_STORY.content.title);
  const store = new LiveStore(db, contentTable);
  if (!story || (await store.getCoverage(story.id))) return 0;
  const startedAt = Date.parse(LIVE_STORY.at);
  let current = new Date(startedAt);
  const live = createLiveCoverage({
    live: store,
    clock: { now: () => current },
    newId: ulidFactory(),
    article: async (id) => {
      const found = await articles.get(id);
      return found && { ...found, slug: found.liveSlug ?? found.slug };
    },
  });
  await live.setCoverage(SEED_USERS.editor, story.id, {
    state: 'live',
    contributors: ['dev-author', 'dev-author-2'],
  });
  for (const entry of ENTRIES) {
    current = new Date(startedAt + entry.at * 60_000);
    await live.post(
      SEED_USERS[entry.by],
      story.id,
      LiveEntryInputSchema.parse({
        body: [{ type: 'paragraph', text: entry.text }],
        ...(entry.keyEvent ? { keyEvent: true } : {}),
        ...(entry.pinned ? { pinned: true } : {}),
      }),
    );
  }
  return ENTRIES.length;
}
