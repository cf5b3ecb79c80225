import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.ts';

/** The local gateway and the functions answer browsers as the stack does for `-c corsOrigins=`. */
const DESK = 'https://desk.example.org';
let api: TestApi;
let editor: string;

beforeAll(async () => {
  api = await startTestApi({ corsOrigins: [DESK] });
  editor = await api.token('editor');
});
afterAll(() => api.stop());

describe('CORS on token-bearing routes', () => {
  it('echoes a listed origin, with Vary: Origin, never *', async () => {
    const res = await api.request('GET', '/v1/admin/articles', { token: editor, headers: { origin: DESK } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(DESK);
    expect(res.headers.get('vary')).toContain('Origin');
    expect(res.headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it('gives an unlisted origin no Access-Control-Allow-Origin, so its browser cannot read the answer', async () => {
    const res = await api.request('GET', '/v1/admin/articles', {
      token: editor,
      headers: { origin: 'https://evil.example.net' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const problem = await api.request('GET', '/v1/admin/articles/01ARZ3NDEKTSV4RRFFQ69G5FAV', {
      token: editor,
      headers: { origin: 'https://evil.example.net' },
    });
    expect(problem.status).toBe(404);
    expect(problem.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers preflights on admin paths for listed origins only, and any origin on public paths', async () => {
    const ok = await api.request('OPTIONS', '/v1/admin/articles', { headers: { origin: DESK } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(DESK);
    expect(ok.headers.get('access-control-allow-headers')).toContain('If-Match');
    const refused = await api.request('OPTIONS', '/v1/admin/articles', {
      headers: { origin: 'https://evil.example.net' },
    });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const open = await api.request('OPTIONS', '/v1/articles', {
      headers: { origin: 'https://evil.example.net' },
    });
    expect(open.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('keeps public reads readable from any origin', async () => {
    const res = await api.request('GET', '/v1/articles', {
      headers: { origin: 'https://reader.example.net' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
