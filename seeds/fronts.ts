import { pollingSchedules } from '../shared/integrations/schedules.ts';
import { type FrontArrangement, FrontCreateSchema } from '../shared/schemas/front.ts';
import { createFronts } from '../shared/services/fronts/index.ts';
import type { ArticleStore } from '../shared/store/articleStore.ts';
import type { createDocumentClient } from '../shared/store/client.ts';
import { FrontStore } from '../shared/store/frontStore.ts';
import { FrontStories } from '../shared/store/frontStories.ts';
import { SEED_ARTICLES } from './content.ts';
import { LIVE_STORY } from './liveStory.ts';
import { SEED_USERS } from './load.ts';

/**
 * The sample fronts. Home: the lead story pinned on top (the newest city story after it, should the
 * pin go), then zones filled by section and tag rules. City: the storm's live coverage pinned on
 * top, then city stories. Published through the service, as an editor would; skipped when a home
 * front exists.
 */
export async function loadHomeFront(
  db: ReturnType<typeof createDocumentClient>,
  contentTable: string,
  articles: ArticleStore,
): Promise<boolean> {
  const store = new FrontStore(db, contentTable);
  if (await store.draft('home')) return false;
  const leadTitle = SEED_ARTICLES[0]?.content.title;
  const { items } = await articles.listFeed('all', 50, undefined);
  const lead = items.find((story) => story.title === leadTitle);
  const section = (value: string) => ({ rule: { kind: 'section', value } }) as const;
  const arrangement: FrontArrangement = {
    title: 'Home',
    zones: [
      {
        name: 'top',
        slots: [
          lead ? { pin: { articleId: lead.id }, ...section('city') } : section('city'),
          section('city'),
        ],
      },
      { name: 'secondary', slots: [section('politics'), section('business'), section('culture')] },
      {
        name: 'more',
        slots: [{ rule: { kind: 'tag', value: 'transport' } }, section('science'), section('sport')],
      },
    ],
  };
  const fronts = createFronts({
    store,
    stories: new FrontStories(db, contentTable),
    clock: { now: () => new Date() },
    schedules: pollingSchedules,
  });
  const publish = async (name: string, zones: FrontArrangement) => {
    const front = await fronts.create(SEED_USERS.editor, FrontCreateSchema.parse({ name, ...zones }));
    await fronts.publish(SEED_USERS.editor, name, front.version);
  };
  await publish('home', arrangement);
  // The city section's front: the storm's live coverage pinned on top, then city stories by rule.
  const storm = items.find((story) => story.title === LIVE_STORY.content.title);
  await publish('city', {
    title: 'City',
    zones: [
      {
        name: 'top',
        slots: [
          storm ? { pin: { articleId: storm.id }, ...section('city') } : section('city'),
          section('city'),
        ],
      },
      {
        name: 'more',
        slots: [section('city'), { rule: { kind: 'tag', value: 'transport' } }, section('city')],
      },
    ],
  });
  return true;
}
