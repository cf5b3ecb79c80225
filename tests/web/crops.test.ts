import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
