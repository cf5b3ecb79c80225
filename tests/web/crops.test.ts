import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft, publish } from '../support/articles.ts';
import { libraryImage } from '../support/media.ts';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';

// The focal point picker of the media library's image details, in Chromium, against the local stack.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.stop());

const AUTHOR = 'reporter-1';

describe('the focal point of an image', () => {
  it('is set by a click or the arrow keys, the crops previewed, saved and cut (360 px, axe-clean)', async () => {
    const token = await h.api.token('author', AUTHOR);
    const { id } = await libraryImage(
      h.api,
      token,
      { alt: 'Fishing boats at the quay' },
      { width: 1200, height: 800 },
    );
    const page = await h.signIn('author', AUTHOR, { width: 360 });
    await page.goto(`/library/${id}`);
    const picker = page.getByRole('button', { name: /^Focal point:/ });
    await picker.waitFor();
    expect(await picker.getAttribute('aria-label')).toBe('Focal point: 50% across, 50% down');
    expect(await page.locator('.crop-preview figcaption').allTextContents()).toEqual([
      '16:9',
      '1:1',
      '4:5',
      '1.91:1',
    ]);

    // A click a fifth of the way across and a quarter down.
    await picker.scrollIntoViewIfNeeded();
    const box = await picker.locator('img').boundingBox();
    if (!box) throw new Error('the picker has no box');
    await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.25);
    await expect.poll(() => picker.getAttribute('aria-label')).toBe('Focal point: 20% across, 25% down');
    // The square preview follows: its picture shifted right, against the left edge (left: 0).
    const square = page.locator('.crop-preview').nth(1).locator('img');
    expect(await square.evaluate((img) => (img as { style: { left: string } }).style.left)).toBe('0%');
    // The arrow keys move it on.
    await picker.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => picker.getAttribute('aria-label')).toBe('Focal point: 22% across, 27% down');
    await expectAccessible(page, 'the focal point picker at 360 px');

    await page.getByRole('button', { name: 'Save focal point' }).click();
    // Saved where it was put (a click lands within a pixel), and the crops cut around it.
    const record = async () => (await h.api.request('GET', `/v1/admin/media/${id}`, { token })).body;
    await expect.poll(async () => (await record()).cropsFor.x, { timeout: 20_000 }).not.toBe(0.5);
    const saved = await record();
    expect(saved.cropsFor).toEqual(saved.focalPoint);
    expect(Math.abs(saved.focalPoint.x - 0.22)).toBeLessThan(0.01);
    expect(Math.abs(saved.focalPoint.y - 0.27)).toBeLessThan(0.01);
    await expect.poll(() => page.getByRole('status').last().textContent(), { timeout: 10_000 }).toBe('');
    await screenshot(page, 'media-focal-point-360');
  });
});

describe('the crops of a lead image in one article', () => {
  it('shows each placement’s crop around the focal point, takes another for this article only, keeps it untouched and resets it (360 px, keyboard, axe-clean)', async () => {
    const [authorToken, editorToken, approverToken] = await Promise.all([
      h.api.token('author', AUTHOR),
      h.api.token('editor', 'desk-1'),
      h.api.token('editor', 'desk-2'),
    ]);
    // desk-1 edits in the console; another editor approves (four eyes).
    const by = { author: h.api.client(authorToken), editor: h.api.client(approverToken) };
    // The crops API tests' photo, 4:3, its subject low and to the left: no crop is the centred one.
    const { id: mediaId } = await libraryImage(
      h.api,
      authorToken,
      { alt: 'A trawler by the harbour steps' },
      { width: 1200, height: 900 },
    );
    const getMedia = async () =>
      (await h.api.request('GET', `/v1/admin/media/${mediaId}`, { token: authorToken })).body;
    const moved = await h.api.request('PATCH', `/v1/admin/media/${mediaId}`, {
      token: authorToken,
      headers: { 'If-Match': `"${(await getMedia()).version}"` },
      json: { focalPoint: { x: 0.2, y: 0.55 } },
    });
    expect(moved.status, moved.text).toBe(200);
    await expect
      .poll(async () => (await getMedia()).cropsFor, { timeout: 20_000 })
      .toEqual({ x: 0.2, y: 0.55 });
    const crops = (await getMedia()).crops as {
      ratio: string;
      left: number;
      top: number;
      width: number;
      height: number;
    }[];
    const crop = (ratio: string) => {
      const c = crops.find((x) => x.ratio === ratio);
      if (!c) throw new Error(`no ${ratio} crop`);
      return c;
    };
    const wide = crop('16:9');
    expect([wide.left, wide.top, wide.width, wide.height]).toEqual([0, 158, 1200, 675]);

    const article = await createDraft(by.author, { title: 'Trawler fleet returns early' });
    const other = await createDraft(by.author, { title: 'Harbour steps repaired', leadImage: { mediaId } });
    const adminRead = async (id: string) =>
      (await h.api.request('GET', `/v1/admin/articles/${id}`, { token: editorToken })).body;

    const page = await h.signIn('editor', 'desk-1', { width: 360 });
    await page.goto(`/articles/${article.id}`);
    await page.getByRole('heading', { level: 1, name: 'Edit “Trawler fleet returns early”' }).waitFor();
    // Keyboard only: focus, then keys.
    const press = async (locator: import('playwright-core').Locator, key = 'Enter') => {
      await locator.focus();
      await page.keyboard.press(key);
    };
    await press(
      page.getByRole('group', { name: 'Lead image' }).getByRole('button', { name: 'Choose lead image' }),
    );
    const dialog = page.getByRole('dialog');
    await press(dialog.getByRole('button', { name: /^A trawler by the harbour steps/ }));
    await expect.poll(() => dialog.count()).toBe(0);

    const group = (name: RegExp) => page.getByRole('group', { name });
    const lead = group(/^Top of the article/);
    const card = group(/^Teasers in lists and fronts/);
    const readout = (g: typeof lead) => g.locator('.crop-readout');
    // The 16:9 crop of the top of the article, cut around the point (158 px down, not the centred 112).
    expect(await readout(lead).textContent()).toBe(
      'The default: 16:9, 1200 × 675 px of the image from 0 px across and 158 px down.',
    );
    const square = crop('1:1');
    expect(await readout(card).textContent()).toBe(
      `The default: 1:1, ${square.width} × ${square.height} px of the image from ${square.left} px across and ${square.top} px down.`,
    );
    // What readers get: the crop's own file, not the whole image.
    expect(await lead.locator('img.crop-result').getAttribute('src')).toContain('/crops/200-550/16x9/');
    await expectAccessible(page, 'the crops of the lead image at 360 px');

    // For this article, teasers show the 4:5 crop: from the 1:1 choice, the arrow key moves on.
    await press(card.getByRole('radio', { name: /^1:1/ }), 'ArrowDown');
    const portrait = crop('4:5');
    await expect
      .poll(() => readout(card).textContent())
      .toBe(
        `For this article: 4:5, ${portrait.width} × ${portrait.height} px of the image from ${portrait.left} px across and ${portrait.top} px down.`,
      );
    expect(await card.locator('.crop-readout').getAttribute('aria-live')).toBe('polite');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'editor-placement-crops-360');
    await press(page.getByRole('button', { name: 'Save', exact: true }));
    await page.getByText('Saved.', { exact: true }).waitFor();
    expect((await adminRead(article.id)).leadImage).toEqual({ mediaId, crops: { card: '4:5' } });

    // Untouched, the choice goes back as it came: another field's edit keeps it.
    await page.reload();
    await readout(card).waitFor();
    expect(await readout(card).textContent()).toMatch(/^For this article: 4:5/);
    await page.getByLabel('Standfirst').fill('The boats came in two days early.');
    await press(page.getByRole('button', { name: 'Save', exact: true }));
    await page.getByText('Saved.', { exact: true }).waitFor();
    expect((await adminRead(article.id)).leadImage).toEqual({ mediaId, crops: { card: '4:5' } });

    // Published: this article's teasers carry the 4:5 crop, the other article's the image's 1:1.
    await publish(await adminRead(article.id), by);
    await publish(other, by);
    const publicRead = async (id: string) => {
      const slug = (await adminRead(id)).slug;
      return (await h.api.request('GET', `/v1/articles/${slug}`)).body;
    };
    const mine = await publicRead(article.id);
    const theirs = await publicRead(other.id);
    expect(mine.leadImage.placements).toEqual({ lead: '16:9', card: '4:5', social: '1.91:1' });
    expect(theirs.leadImage.placements).toEqual({ lead: '16:9', card: '1:1', social: '1.91:1' });
    const shown = (read: typeof mine) =>
      read.leadImage.crops.find((c: { ratio: string }) => c.ratio === read.leadImage.placements.card);
    expect([shown(mine).width, shown(mine).height]).toEqual([portrait.width, portrait.height]);
    expect([shown(theirs).width, shown(theirs).height]).toEqual([square.width, square.height]);

    // Reset: the image's crop again, focus on its choice, saved without an override.
    await page.reload();
    await press(card.getByRole('button', { name: 'Reset to the default crop (1:1)' }));
    await expect.poll(() => readout(card).textContent()).toMatch(/^The default: 1:1/);
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('crop-card-1:1');
    await press(page.getByRole('button', { name: 'Save', exact: true }));
    await page.getByText('Saved.', { exact: true }).waitFor();
    expect((await adminRead(article.id)).leadImage).toEqual({ mediaId });
    await expectAccessible(page, 'the crops after a reset at 360 px');
    await screenshot(page, 'editor-placement-crops-reset-360');
  });
});
