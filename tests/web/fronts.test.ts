import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArticleView, createDraft, publish } from '../support/articles.ts';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';

// The console's fronts screens against the real local stack: an editor arranges, saves, previews
// and publishes; the public front follows; a concurrent save is shown, never overwritten.
let h: ConsoleHarness;
let author: string;
let editor: string;
const stories: Record<string, ArticleView> = {};

async function live(key: string, section: string, title: string) {
  const clients = { author: h.api.client(author), editor: h.api.client(editor) };
  const draft = await createDraft(clients.author, { title, section, tags: ['front-desk'] });
  stories[key] = await publish(draft, clients);
}

beforeAll(async () => {
  h = await startConsole();
  author = await h.api.token('author', 'fd-writer');
  editor = await h.api.token('editor', 'fd-desk');
  await live(
    'pin',
    'politics',
    'Quillfeather council leader resigns after a night of budget talks collapses',
  );
  for (let i = 1; i <= 4; i += 1) {
    await live(
      `city${i}`,
      'city',
      `City story ${i}: harbour authority publishes its long-awaited plan for the northern quays and the old fish market`,
    );
  }
  await live(
    'sport1',
    'sport',
    'Harriers win the regional relay title for the first time in twenty-three years',
  );
  await h.api.events();
});
afterAll(async () => h?.stop());

const api = (method: string, path: string, opts: { json?: unknown; headers?: Record<string, string> } = {}) =>
  h.api.request(method, path, { token: editor, ...opts });

/** The focused element: its text, its aria-label, its id and the text of the slot it is in. */
const focused = (page: Page) =>
  page.evaluate<{ text: string; label: string; id: string; slot: string }>(`(() => {
    const el = document.activeElement;
    return {
      text: el?.textContent ?? '',
      label: el?.getAttribute('aria-label') ?? '',
      id: el?.id ?? '',
      slot: el?.closest('li.slot')?.textContent ?? '',
    };
  })()`);

/** Tab (forward) until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, matches: (el: Awaited<ReturnType<typeof focused>>) => boolean, max = 250) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (matches(await focused(page))) return;
  }
  throw new Error('never reached by Tab');
}

const slotGroup = (page: Page, zone: string, n: number) =>
  page
    .getByRole('region', { name: new RegExp(`^Zone \\d+: ${zone}$`) })
    .getByRole('group', { name: `Slot ${n}`, exact: true });
/** A slot's summary row button: it opens and folds the slot's editor (aria-expanded). */
const toggle = (page: Page, zone: string, n: number) =>
  slotGroup(page, zone, n).locator('button[aria-expanded]');
/** Heights at 360 px of the city front's fourteen slots, as loaded, measured before slots folded. */
const UNFOLDED_360 = { page: 7577, zones: 6088 };

describe('fronts in the console', () => {
  it('an editor creates home, arranges a zone of three slots (pin by search, rule, keyboard reorder), saves, previews and publishes', async () => {
    const page = await h.signIn('editor', 'fd-desk');
    await page.getByRole('link', { name: 'Fronts', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Fronts' }).waitFor();
    await page.getByText('No fronts yet').waitFor();
    await page.getByLabel('Front for').selectOption('home');
    await page.getByLabel('First slot: the newest story in').selectOption('sport');
    await page.getByRole('button', { name: 'Create front' }).click();
    await page.getByRole('heading', { level: 1, name: 'Front home' }).waitFor();

    await page.getByRole('button', { name: 'Add a zone' }).click();
    const zone = page.getByRole('region', { name: 'Zone 2: zone-2' });
    await zone.getByLabel('Zone name').fill('lead');
    const lead = page.getByRole('region', { name: 'Zone 2: lead' });
    await lead.getByRole('button', { name: 'Add a slot to lead' }).click();
    await lead.getByRole('button', { name: 'Add a slot to lead' }).click();
    // Slots 1 and 2: the newest city stories; slot 3: the politics story, found by search.
    for (const n of [1, 2]) {
      await slotGroup(page, 'lead', n).getByLabel('Rule', { exact: true }).selectOption('section');
      await slotGroup(page, 'lead', n).getByLabel('Section').selectOption('city');
    }
    const third = slotGroup(page, 'lead', 3);
    await third.getByLabel('Pin a story').check();
    await third.getByLabel('Find a story to pin').fill('quillfeather budget');
    await third.getByRole('button', { name: /^Pin “Quillfeather council leader/ }).click();
    // A slot added here is open; its summary row names the story too.
    expect(await toggle(page, 'lead', 3).getAttribute('aria-expanded')).toBe('true');
    await third.locator('.pinned-story').getByText('Quillfeather council leader resigns').waitFor();
    expect(await toggle(page, 'lead', 3).textContent()).toContain('Quillfeather council leader resigns');

    // Drag: slot 3's handle dropped on slot 2 puts the pin second.
    const handle = (n: number) =>
      page
        .locator('[id$="-handle"]')
        .filter({ hasText: `Slot ${n}` })
        .last();
    await handle(3).dragTo(slotGroup(page, 'lead', 2));
    await toggle(page, 'lead', 2).getByText('Quillfeather', { exact: false }).waitFor();
    await page.getByText('Slot moved to position 2 in zone lead.').waitFor({ state: 'attached' });
    // Keyboard: Alt+ArrowUp from its handle; focus stays on it, the move is announced.
    await handle(2).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => focused(page).then((f) => f.text)).toContain('Slot 1');
    await expect.poll(() => focused(page).then((f) => f.slot)).toContain('Quillfeather');
    await page.getByText('Slot moved to position 1 of 3 in zone lead.').waitFor({ state: 'attached' });

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved (version 2).').waitFor();
    const draft = (await api('GET', '/v1/admin/fronts/home')).body;
    expect(draft.zones[1]).toEqual({
      name: 'lead',
      slots: [
        { pin: { articleId: stories.pin?.id }, rule: null },
        { pin: null, rule: { kind: 'section', value: 'city' } },
        { pin: null, rule: { kind: 'section', value: 'city' } },
      ],
    });

    // The preview: the pinned story first, then the rule's newest city stories, nothing twice.
    await page.getByRole('button', { name: 'Preview the saved draft' }).click();
    const preview = page.getByRole('region', { name: 'Preview of zone lead' });
    await preview.getByRole('listitem').first().waitFor();
    const items = await preview.getByRole('listitem').allTextContents();
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(/^Quillfeather council leader.*Pinned/);
    expect(items[1]).toMatch(/^City story 4.*From a rule/);
    expect(items[2]).toMatch(/^City story 3.*From a rule/);
    const all = await page.locator('.preview-title').allTextContents();
    expect(new Set(all).size).toBe(all.length);
    await expectAccessible(page, 'the front editor with its preview');
    await screenshot(page, 'fronts-editor-1280');

    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByText('Published: revision 1 is public.').waitFor();
    await page.getByRole('button', { name: 'Restore revision 1' }).waitFor();
    const pub = await h.api.request('GET', '/v1/fronts/home');
    expect(pub.status).toBe(200);
    const ids = Object.fromEntries(
      (pub.body.zones as { name: string; entries: { id: string; pinned: boolean }[] }[]).map((z) => [
        z.name,
        z.entries.map((e) => [e.id, e.pinned]),
      ]),
    );
    expect(ids).toEqual({
      top: [[stories.sport1?.id, false]],
      lead: [
        [stories.pin?.id, true],
        [stories.city4?.id, false],
        [stories.city3?.id, false],
      ],
    });
  });

  it('shows a concurrent save as a conflict and overwrites nothing', async () => {
    await api('POST', '/v1/admin/fronts', {
      json: {
        name: 'culture',
        title: 'Culture',
        zones: [{ name: 'top', slots: [{ rule: { kind: 'section', value: 'culture' } }] }],
      },
    });
    const page = await h.signIn('editor', 'fd-desk');
    await page.goto('/fronts/culture');
    await page.getByRole('heading', { level: 1, name: 'Front culture' }).waitFor();
    await page.getByLabel('Front title').fill('Culture tonight');

    // Another editor saves first, through the API.
    const theirs = await api('PUT', '/v1/admin/fronts/culture', {
      headers: { 'If-Match': '"1"' },
      json: {
        title: 'Culture by the other desk',
        zones: [{ name: 'top', slots: [{ rule: { kind: 'tag', value: 'film' } }] }],
      },
    });
    expect(theirs.status).toBe(200);

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('heading', { name: 'Someone else saved this front first' }).waitFor();
    await page.getByText(/fd-desk saved version 2 .* Nothing was overwritten/).waitFor();
    const after = (await api('GET', '/v1/admin/fronts/culture')).body;
    expect(after.version).toBe(2);
    expect(after.title).toBe('Culture by the other desk');
    expect(after.zones[0].slots[0].rule).toEqual({ kind: 'tag', value: 'film' });
    // Mine is still in the form, unsaved.
    expect(await page.getByLabel('Front title').inputValue()).toBe('Culture tonight');
    await expectAccessible(page, 'the front conflict');
  });

  it("sends a pin's expiry, typed in the editor's time zone, as that instant", async () => {
    await api('POST', '/v1/admin/fronts', {
      json: {
        name: 'politics',
        title: 'Politics',
        zones: [{ name: 'top', slots: [{ pin: { articleId: stories.pin?.id }, rule: null }] }],
      },
    });
    const page = await h.signIn('editor', 'fd-desk', { timezoneId: 'Asia/Kolkata' });
    await page.goto('/fronts/politics');
    const slot = slotGroup(page, 'top', 1);
    await slot.getByText('Quillfeather council leader resigns', { exact: false }).waitFor();
    // The same story pinned twice: the API's 422 is shown at the slot, and nothing is saved.
    await page.getByRole('button', { name: 'Add a slot to top' }).click();
    const second = slotGroup(page, 'top', 2);
    await second.getByLabel('Pin a story').check();
    await second.getByLabel('Find a story to pin').fill('quillfeather');
    await second.getByRole('button', { name: /^Pin “Quillfeather/ }).click();
    // Folded before saving: the 422 opens it again, shows the error there and takes focus to it.
    await toggle(page, 'top', 2).click();
    expect(await second.getByLabel('Pinned until (optional)').count()).toBe(0);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await second.getByText('a story can be pinned once per front').waitFor();
    expect(await toggle(page, 'top', 2).getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => focused(page).then((f) => f.id)).toMatch(/-toggle$/);
    expect((await focused(page)).slot).toContain('a story can be pinned once per front');
    expect((await api('GET', '/v1/admin/fronts/politics')).body.version).toBe(1);
    await second.getByRole('button', { name: 'Remove slot 2 of zone top' }).click();
    // Slot 1 was loaded folded: open it to set the pin's expiry.
    expect(await toggle(page, 'top', 1).getAttribute('aria-expanded')).toBe('false');
    await toggle(page, 'top', 1).click();
    await slot.getByLabel('Pinned until (optional)').fill('2031-03-04T05:06');
    expect(await toggle(page, 'top', 1).textContent()).toMatch(/Until .*2031/);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved (version 2).').waitFor();
    const saved = (await api('GET', '/v1/admin/fronts/politics')).body;
    // 05:06 in Kolkata (UTC+05:30) is 23:36 UTC the day before.
    expect(saved.zones[0].slots[0].pin).toEqual({
      articleId: stories.pin?.id,
      until: '2031-03-03T23:36:00.000Z',
    });
    await page.reload();
    await toggle(page, 'top', 1)
      .getByText(/Until .*2031/)
      .waitFor();
    await page.getByRole('button', { name: 'Open all slots' }).click();
    expect(await toggle(page, 'top', 1).getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'Fold all slots' }).waitFor();
    expect(await slotGroup(page, 'top', 1).getByLabel('Pinned until (optional)').inputValue()).toBe(
      '2031-03-04T05:06',
    );
  });

  it('works at 360 px by keyboard alone on a front of fourteen folded slots, axe clean', async () => {
    const pins = ['pin', 'city1', 'city2'].map((k) => stories[k]?.id ?? '');
    const slots = [
      ...pins.map((articleId) => ({ pin: { articleId }, rule: { kind: 'section', value: 'city' } })),
      ...Array.from({ length: 5 }, () => ({ rule: { kind: 'section', value: 'city' } })),
    ];
    // A pin whose story is not live, and one that has expired: the preview says so.
    const draft = await createDraft(h.api.client(author), {
      title: 'Lifeboat crew rescues three from the quay wall in the storm (still a draft)',
      section: 'city',
    });
    const expired = new Date(Date.now() - 3_600_000).toISOString();
    const created = await api('POST', '/v1/admin/fronts', {
      json: {
        name: 'city',
        title: 'City: the harbour, the quays and everything the council decided this week',
        zones: [
          { name: 'top', slots },
          {
            name: 'more',
            slots: [
              { rule: { kind: 'section', value: 'sport' } },
              { rule: { kind: 'tag', value: 'front-desk' } },
              { rule: { kind: 'author', value: 'test-reporter' } },
              { rule: { kind: 'section', value: 'politics' } },
              { pin: { articleId: draft.id } },
              { pin: { articleId: stories.sport1?.id ?? '', until: expired } },
            ],
          },
        ],
      },
    });
    expect(created.status, created.text).toBe(201);
    await api('POST', '/v1/admin/fronts/city/publish', { headers: { 'If-Match': '"1"' } });

    const page = await h.signIn('editor', 'fd-desk', { width: 360 });
    await page.goto('/fronts');
    await page.getByRole('heading', { level: 1, name: 'Fronts' }).waitFor();
    await page
      .getByText(/Published .* \(revision 1\)/)
      .first()
      .waitFor();
    await expectAccessible(page, 'the fronts list at 360 px');
    await screenshot(page, 'fronts-list-360');

    await page.goto('/fronts/city');
    await page.getByRole('heading', { level: 1, name: 'Front city' }).waitFor();
    await slotGroup(page, 'top', 1).getByText('Quillfeather', { exact: false }).waitFor();
    // Folded: each slot is one summary row.
    await screenshot(page, 'fronts-editor-folded-360');
    // The arrangement (zones and slots) went from 6,088 px to a quarter at most; the page, which
    // also holds the publish, preview and revision panels, from 7,577 px to 40% at most.
    const zonesHeight = await page.locator('.zones').evaluate((el) => el.getBoundingClientRect().height);
    expect(zonesHeight).toBeLessThanOrEqual(UNFOLDED_360.zones / 4);
    expect(await page.evaluate<number>('document.body.scrollHeight')).toBeLessThanOrEqual(
      UNFOLDED_360.page * 0.4,
    );
    const rows = await page
      .locator('.slot-summary')
      .evaluateAll((els) => els.map((el) => `${el.getAttribute('aria-expanded')} ${el.textContent}`));
    expect(rows).toEqual([
      'false ▸Quillfeather council leader resigns after a night of budget talks collapses',
      expect.stringMatching(/^false ▸City story 1: .*market$/),
      expect.stringMatching(/^false ▸City story 2: .*market$/),
      ...Array.from({ length: 5 }, () => 'false ▸Newest in City'),
      'false ▸Newest in Sport',
      'false ▸Newest tagged front-desk',
      'false ▸Newest by test-reporter',
      'false ▸Newest in Politics',
      'false ▸Lifeboat crew rescues three from the quay wall in the storm (still a draft)Not live: Draftthen empty',
      expect.stringMatching(/^false ▸Harriers win the regional relay title.*Expired .*then empty$/),
    ]);
    expect(await page.getByLabel('Pinned until (optional)').count()).toBe(0);
    // Keyboard: Tab to slot 2's handle, move it down; focus stays on it (now slot 3).
    await tabTo(page, (el) => el.id.endsWith('-handle') && el.text.includes('Slot 2'));
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => focused(page).then((f) => f.text)).toContain('Slot 3');
    await page.getByText('Slot moved to position 3 of 8 in zone top.').waitFor({ state: 'attached' });
    // And with the Move button: Enter on "Move slot 3 of zone top up" puts it back.
    await tabTo(page, (el) => el.label === 'Move slot 3 of zone top up');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page).then((f) => f.label)).toBe('Move slot 2 of zone top up');
    await page.keyboard.press('Enter');
    // A folded slot opens by keyboard from its summary row, and still moves from there.
    await tabTo(page, (el) => el.id.endsWith('-toggle') && el.text.includes('City story 1'));
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page).then((f) => f.text)).toContain('City story 1');
    expect(await toggle(page, 'top', 1).getAttribute('aria-expanded')).toBe('true');
    await slotGroup(page, 'top', 1).getByLabel('Pinned until (optional)').waitFor();
    await slotGroup(page, 'top', 1).getByLabel('Fallback rule').waitFor();
    await slotGroup(page, 'top', 1).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'fronts-editor-slot-open-360', { fullPage: false });
    await page.keyboard.press('Alt+ArrowDown');
    await page.getByText('Slot moved to position 2 of 8 in zone top.').waitFor({ state: 'attached' });
    await expect.poll(() => focused(page).then((f) => f.id)).toMatch(/-toggle$/);
    expect((await focused(page)).text).toContain('City story 1');
    expect(await toggle(page, 'top', 2).textContent()).toContain('City story 1');
    await page.keyboard.press('Alt+ArrowUp');
    await page.getByText('Slot moved to position 1 of 8 in zone top.').waitFor({ state: 'attached' });
    await page.keyboard.press(' ');
    expect(await toggle(page, 'top', 1).getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByLabel('Pinned until (optional)').count()).toBe(0);
    await tabTo(page, (el) => el.text === 'Save draft');
    await page.keyboard.press('Enter');
    await page.getByText('Draft saved (version 3).').waitFor();
    await tabTo(page, (el) => el.text === 'Preview the saved draft');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Preview of zone top' }).getByRole('listitem').first().waitFor();
    const top = await page
      .getByRole('region', { name: 'Preview of zone top' })
      .locator('.preview-title')
      .allTextContents();
    expect(top.slice(0, 3).map((t) => t.slice(0, 12))).toEqual([
      'City story 1',
      'Quillfeather',
      'City story 2',
    ]);
    const missing = page.getByRole('region', { name: 'Pins not shown' }).getByRole('listitem');
    expect(await missing.allTextContents()).toEqual([
      'more, slot 5: “Lifeboat crew rescues three from the quay wall in the storm (still a draft)”, not live (Draft)',
      expect.stringMatching(/^more, slot 6: “Harriers win the regional relay title.*”, pin expired /),
    ]);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'the front editor and preview at 360 px');
    await screenshot(page, 'fronts-editor-360');
  });

  it('gives authors no fronts: no link, no editing controls', async () => {
    const page = await h.signIn('author', 'fd-writer');
    await page.getByRole('link', { name: 'Articles', exact: true }).waitFor();
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fronts' }).count(),
    ).toBe(0);
    await page.goto('/fronts/home');
    await page.getByRole('heading', { level: 1, name: 'Nothing here' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save draft' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Publish now' }).count()).toBe(0);
    // As the API: authors get 403 on the fronts routes.
    const res = await h.api.request('GET', '/v1/admin/fronts/home', { token: author });
    expect(res.status).toBe(403);
    const mod = await h.signIn('moderator', 'fd-mod');
    await mod.getByRole('link', { name: 'Comments', exact: true }).waitFor();
    expect(await mod.getByRole('link', { name: 'Fronts' }).count()).toBe(0);
  });
});
