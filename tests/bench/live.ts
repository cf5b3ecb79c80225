/**
 * Live coverage: posting an entry (target at most 2 requests), a reader's `since` poll (1), a page
 * of entries (1), on the sample storm story's coverage (seeds/live.ts), through the services the
 * functions run (shared/wiring/live.ts composes the same ones). Run alone with BENCH_ONLY=live.
 */
import { loadLiveCoverage } from '../../seeds/live.ts';
import { LIVE_STORY } from '../../seeds/liveStory.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { systemClock, ulidFactory } from '../../shared/clock.ts';
import { createLiveCoverage } from '../../shared/services/live/liveCoverage.ts';
import { createLiveReads } from '../../shared/services/live/liveReads.ts';
import { ArticleStore } from '../../shared/store/articleStore.ts';
import { LiveStore } from '../../shared/store/live/liveStore.ts';
import { withMeteredTables } from './meteredTables.ts';
import { total } from './operations.ts';

const editor: Principal = { sub: 'bench-live-desk', roles: new Set(['editor'] as const) };

export async function liveBench(
  endpoint: string,
  names: Record<string, string>,
  target: (ok: boolean, what: string) => void,
) {
  return withMeteredTables(endpoint, names, async ({ db, raw, metered, content: table, comments }) => {
    const articles = new ArticleStore(raw, table, comments);
    await loadLiveCoverage(raw, table, articles);
    const { items } = await articles.listFeed('all', 50, undefined);
    const story = items.find((s) => s.title === LIVE_STORY.content.title);
    if (!story) throw new Error('The sample storm story is not in the bench tables');
    const store = new LiveStore(db, table);
    const live = createLiveCoverage({
      live: store,
      clock: systemClock,
      newId: ulidFactory(),
      // The article is read only to start coverage, which the sample already has.
      article: async () => null,
    });
    const reads = createLiveReads(store);
    const body = [{ type: 'paragraph' as const, text: [{ text: 'The bench was here.', marks: [] }] }];

    const before = await reads.entries(story.slug, {});
    metered.reset();
    await live.post(editor, story.id, { body, keyEvent: true });
    const post = metered.snapshot();
    metered.reset();
    const poll = await reads.entries(story.slug, { since: before.since });
    const pollFigures = metered.snapshot();
    metered.reset();
    const page = await reads.entries(story.slug, { limit: '20' });
    const pageFigures = metered.snapshot();
    const figures = {
      entries: page.items.length,
      post: { requests: post.requests, commands: post.commands, writeUnits: total(post.write) },
      poll: {
        requests: pollFigures.requests,
        readUnits: total(pollFigures.read),
        changes: poll.items.length,
      },
      page: { requests: pageFigures.requests, readUnits: total(pageFigures.read) },
    };
    console.log('\n== Live coverage: the sample storm story (16 entries after the bench posts one) ==');
    console.log(
      `post an entry: ${post.requests} requests (${post.commands.join(', ')}), ${figures.post.writeUnits} WCU`,
    );
    console.log(
      `since poll: ${pollFigures.requests} request, ${figures.poll.readUnits} RCU, ${poll.items.length} change(s)`,
    );
    console.log(
      `entries page of 20: ${pageFigures.requests} request, ${figures.page.readUnits} RCU, ${page.items.length} entries`,
    );
    target(post.requests <= 2, `posting an entry takes ${post.requests} requests (target at most 2)`);
    target(pollFigures.requests === 1, `a since poll takes ${pollFigures.requests} requests (target 1)`);
    target(
      poll.items.length === 1,
      `the since poll after one post has ${poll.items.length} changes (target 1)`,
    );
    target(pageFigures.requests === 1, `an entries page takes ${pageFigures.requests} requests (target 1)`);
    return figures;
  });
}
