/**
 * Fronts: resolving a front of 30 slots at publish (requests and write units, the transaction
 * billed as DynamoDB bills it) and reading the published front (one request), on the sample
 * content. Run alone with BENCH_ONLY=fronts.
 */
import type { Principal } from '../../shared/auth/principal.ts';
import { publicFrontOf } from '../../shared/fronts/publicFront.ts';
import { pollingSchedules } from '../../shared/integrations/schedules.ts';
import { type FrontArrangement, FrontCreateSchema, type FrontSlot } from '../../shared/schemas/front.ts';
import { createFronts } from '../../shared/services/fronts/index.ts';
import { ArticleStore } from '../../shared/store/articleStore.ts';
import { FrontStore } from '../../shared/store/frontStore.ts';
import { FrontStories } from '../../shared/store/frontStories.ts';
import { withMeteredTables } from './meteredTables.ts';
import { total } from './operations.ts';

const editor: Principal = { sub: 'bench-editor', roles: new Set(['editor'] as const) };

export async function frontsBench(
  endpoint: string,
  names: Record<string, string>,
  target: (ok: boolean, what: string) => void,
) {
  return withMeteredTables(endpoint, names, async ({ db, raw, metered, content: table, comments }) => {
    const store = new FrontStore(db, table);
    const fronts = createFronts({
      store,
      stories: new FrontStories(db, table),
      clock: { now: () => new Date() },
      schedules: pollingSchedules,
    });
    // 30 slots: the live sample stories pinned (with a fallback rule), the rest by section and tag.
    const { items } = await new ArticleStore(raw, table, comments).listFeed('all', 10, undefined);
    const section = (value: string): FrontSlot => ({ rule: { kind: 'section', value } });
    const pins: FrontSlot[] = items
      .slice(0, 5)
      .map((s) => ({ pin: { articleId: s.id }, ...section('city') }));
    const arrangement: FrontArrangement = {
      title: 'Bench home',
      zones: [
        { name: 'top', slots: [...pins, ...Array.from({ length: 10 - pins.length }, () => section('city'))] },
        {
          name: 'secondary',
          slots: ['politics', 'business', 'culture', 'sport', 'science'].flatMap((s) => [
            section(s),
            section(s),
          ]),
        },
        {
          name: 'more',
          slots: Array.from({ length: 10 }, (_, i) =>
            i % 2 ? section('city') : { rule: { kind: 'tag', value: 'transport' } },
          ),
        },
      ],
    };
    const slots = arrangement.zones.reduce((n, z) => n + z.slots.length, 0);
    const draft = await fronts.create(
      editor,
      FrontCreateSchema.parse({ name: 'bench-home', ...arrangement }),
    );
    metered.reset();
    await fronts.publish(editor, 'bench-home', draft.version);
    const publish = metered.snapshot();
    metered.reset();
    const { front } = await publicFrontOf(store, 'bench-home');
    const read = metered.snapshot();
    metered.reset();
    await fronts.resolution.refresh('bench-home');
    const refresh = metered.snapshot();
    const shown = front.zones.reduce((n, z) => n + z.entries.length, 0);
    const figures = {
      slots,
      shown,
      publish: {
        requests: publish.requests,
        commands: publish.commands,
        readUnits: total(publish.read),
        writeUnits: total(publish.write),
      },
      read: { requests: read.requests, readUnits: total(read.read) },
      refreshUnchanged: {
        requests: refresh.requests,
        readUnits: total(refresh.read),
        writeUnits: total(refresh.write),
      },
    };
    console.log('\n== Fronts: a front of 30 slots on the sample content ==');
    console.log(
      `publish (resolve + one transaction): ${publish.requests} requests (${publish.commands.join(', ')}), ${figures.publish.readUnits} RCU, ${figures.publish.writeUnits} WCU; ${shown} stories shown`,
    );
    console.log(`public read: ${read.requests} request, ${figures.read.readUnits} RCU`);
    console.log(
      `relay re-resolve, nothing changed: ${refresh.requests} requests, ${figures.refreshUnchanged.readUnits} RCU, ${figures.refreshUnchanged.writeUnits} WCU`,
    );
    target(slots === 30, `the fronts bench front has ${slots} slots (target 30)`);
    target(read.requests === 1, `reading a front takes ${read.requests} requests (target 1)`);
    target(
      refresh.requests > 0 && total(refresh.write) === 0,
      're-resolving an unchanged front writes nothing',
    );
    return figures;
  });
}
