import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.ts';

/**
 * A store that held stories before the relay started (the sample content of `npm start`, or a
 * store kept from before search existed): the relay starts past them, so the start indexes them.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ seed: true });
});
afterAll(async () => api?.stop());

const titles = (body: { items: { title: string }[] }) => body.items.map((i) => i.title);

it('finds the sample stories as soon as the CMS has started: live ones for readers, drafts for the desk', async () => {
  const readers = await api.request('GET', '/v1/search?q=seagrass');
  expect(readers.status).toBe(200);
  expect(titles(readers.body)).toEqual([
    'Seagrass meadows in the Vell estuary have doubled since 2019, survey finds',
  ]);

  const token = await api.token('editor', 'dev-editor');
  const desk = await api.request('GET', '/v1/admin/articles?q=lantern', { token });
  expect(desk.status).toBe(200);
  expect(titles(desk.body)).toEqual(['Lantern festival returns to Port Aldry harbour after four-year break']);
  // The working copy's unpublished headline is never the readers': they get the live one.
  expect(titles((await api.request('GET', '/v1/search?q=lantern')).body)).not.toContain(
    'Lantern festival returns to Port Aldry harbour after four-year break',
  );
});
