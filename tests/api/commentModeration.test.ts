import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, TestApi } from '../support/api.ts';
import { useCommentKit } from '../support/comments.ts';

/**
 * Moderation at the level newsrooms expect from Coral and WordPress: reader reports and the
 * reported queue, suspect terms with reasons, bans, and trusted commenters. Over HTTP through the
 * local gateway on DynamoDB Local; the public comment count is checked after every move.
 */
const kit = useCommentKit('ModerationBrowser', { mode: 'post' });
let api: TestApi;
let editor: string;
let moderator: string;
beforeAll(() => {
  ({ api, editor, moderator } = kit);
});
const newClient = () => kit.newClient();
const settings = (values: Record<string, unknown>) => kit.settings(values);
const liveArticle = () => kit.liveArticle();
const post = (slug: string, json: Record<string, unknown>, client?: string) => kit.post(slug, json, client);
const report = (slug: string, id: string, json: Record<string, unknown>, client?: string) =>
  kit.report(slug, id, json, client);
const moderate = (id: string, action: string) => kit.moderate(id, action);
const queue = (path: string) => kit.queue(path);
const counts = (article: { id: string; slug: string }) => kit.counts(article);

async function threadIds(slug: string) {
  const res = await api.request('GET', `/v1/articles/${slug}/comments?limit=100`);
  return (res.body.items as { id: string }[]).map((c) => c.id);
}

describe('reader reports', () => {
  it('counts 20 concurrent reports exactly and holds the comment back once, the count staying exact', async () => {
    await settings({ reportThreshold: 5 });
    const article = await liveArticle();
    const keep = await post(article.slug, { authorName: 'Calm', body: 'The consultation closes Friday.' });
    const target = await post(article.slug, {
      authorName: 'Loud',
      body: 'Everyone on this council is a crook.',
    });
    expect(target.body.status).toBe('approved');
    expect(await counts(article)).toEqual({ live: 2, working: 2 });

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        report(
          article.slug,
          target.body.id,
          i % 2 ? { reason: 'abuse' } : { reason: 'other', text: 'Defamatory' },
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(answers[0]?.body).toEqual({ commentId: target.body.id, reason: 'other' });

    const pending = await queue(`/v1/admin/comments?status=pending&articleId=${article.id}`);
    expect(pending.map((c) => c.id)).toEqual([target.body.id]);
    const held = pending[0] ?? {};
    expect(held.reportCount).toBe(20);
    // Held exactly once, by the system, and it says why.
    expect(held.moderation).toEqual([
      expect.objectContaining({ actor: 'system', action: 'requeue', from: 'approved', to: 'pending' }),
    ]);
    expect(held.reasons).toContainEqual({ rule: 'reports', detail: '5' });
    // What the readers said survived the race too: every reason counted, the newest texts kept.
    expect(held.reports.byReason).toEqual({ spam: 0, abuse: 10, off_topic: 0, other: 10 });
    expect(held.reports.texts).toHaveLength(3);
    for (const t of held.reports.texts) expect(t).toMatchObject({ reason: 'other', text: 'Defamatory' });
    expect(await counts(article)).toEqual({ live: 1, working: 1 });
    expect(await threadIds(article.slug)).toEqual([keep.body.id]);

    // The moderator's decision closes the reports.
    const approved = await moderate(target.body.id, 'approve');
    expect(approved.body).toMatchObject({ status: 'approved', reportCount: 0 });
    expect(await counts(article)).toEqual({ live: 2, working: 2 });
  });

  it('shows moderators what readers said: the count per reason and the newest texts, never who; a decision clears it', async () => {
    await settings({ reportThreshold: 0 });
    const article = await liveArticle();
    const target = await post(article.slug, { authorName: 'Blunt', body: 'The mayor lies for a living.' });
    const long = `<b>Not HTML</b> ${'very '.repeat(80)}long`;
    const sent = [
      { reason: 'abuse', text: 'Calls a named person a liar' },
      { reason: 'spam' },
      { reason: 'abuse' },
      { reason: 'other', text: 'Possibly defamatory: ask legal' },
      { reason: 'off_topic', text: '  Nothing to do with the tram  ' },
      { reason: 'abuse', text: long },
    ];
    for (const json of sent) expect((await report(article.slug, target.body.id, json)).status).toBe(201);

    const [listed] = (await queue('/v1/admin/comments/reported?limit=100')).filter(
      (c) => c.id === target.body.id,
    );
    expect(listed?.reportCount).toBe(6);
    expect(listed?.reports.byReason).toEqual({ spam: 1, abuse: 3, off_topic: 1, other: 1 });
    // Newest first, three of them, trimmed, a long one cut to 280 characters ending in an ellipsis.
    const texts = listed?.reports.texts as { reason: string; text: string; at: string }[];
    expect(texts.map((t) => t.reason)).toEqual(['abuse', 'off_topic', 'other']);
    expect(texts[0]?.text).toHaveLength(280);
    expect(texts[0]?.text.startsWith('<b>Not HTML</b> very very')).toBe(true);
    expect(texts[0]?.text.endsWith('…')).toBe(true);
    expect(texts[1]?.text).toBe('Nothing to do with the tram');
    expect(texts[2]?.text).toBe('Possibly defamatory: ask legal');
    expect(new Date(texts[0]?.at ?? '').getTime()).toBeGreaterThanOrEqual(
      new Date(texts[1]?.at ?? '').getTime(),
    );
    // Nothing about the readers who reported: no fingerprint, no address, no user agent.
    const raw = JSON.stringify(listed);
    expect(raw).not.toMatch(/fingerprint|ModerationBrowser|127\.0\.0\.1/);
    expect(Object.keys(listed?.reports.texts[0] ?? {}).sort()).toEqual(['at', 'reason', 'text']);
    // The same in the single comment a moderator acts on; featuring leaves the reports alone.
    const featured = await moderate(target.body.id, 'feature');
    expect(featured.body).toMatchObject({ reportCount: 6, reports: listed?.reports });

    // A decision closes the reports and drops what they said; new reports start afresh.
    const kept = await moderate(target.body.id, 'keep');
    expect(kept.body).toMatchObject({
      reportCount: 0,
      reports: { byReason: { spam: 0, abuse: 0, off_topic: 0, other: 0 }, texts: [] },
    });
    await report(article.slug, target.body.id, { reason: 'spam', text: 'Advert' });
    const [again] = (await queue('/v1/admin/comments/reported?limit=100')).filter(
      (c) => c.id === target.body.id,
    );
    expect(again?.reports).toEqual({
      byReason: { spam: 1, abuse: 0, off_topic: 0, other: 0 },
      texts: [{ reason: 'spam', text: 'Advert', at: expect.any(String) }],
    });
  });

  it('takes one report per client, checks the reason, and refuses what readers cannot see', async () => {
    await settings({ reportThreshold: 0 });
    const article = await liveArticle();
    const shown = await post(article.slug, { authorName: 'A', body: 'Shown comment.' });
    const client = newClient();
    expect((await report(article.slug, shown.body.id, { reason: 'spam' }, client)).status).toBe(201);
    const again = await report(article.slug, shown.body.id, { reason: 'abuse' }, client);
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already reported/);

    const noText = await report(article.slug, shown.body.id, { reason: 'other' });
    expect(noText.status).toBe(422);
    expect(noText.body.errors).toContainEqual({ path: 'text', message: expect.any(String) });
    expect((await report(article.slug, shown.body.id, { reason: 'rude' })).status).toBe(422);
    expect((await report(article.slug, shown.body.id, { reason: 'spam', count: 9 })).status).toBe(422);

    await settings({ mode: 'pre', reportThreshold: 0 });
    const hidden = await post(article.slug, { authorName: 'B', body: 'Not yet approved.' });
    expect((await report(article.slug, hidden.body.id, { reason: 'spam' })).status).toBe(404);
    const other = await liveArticle();
    expect((await report(other.slug, shown.body.id, { reason: 'spam' })).status).toBe(404);
    expect((await report(article.slug, '01KAX3TT6V3Q7D0Y6M1V0C5N8E', { reason: 'spam' })).status).toBe(404);
  });

  it('lists the reported queue most reported first, and a decision takes a comment off it', async () => {
    await settings({ reportThreshold: 0 });
    const article = await liveArticle();
    const once = await post(article.slug, { authorName: 'One', body: 'Reported once.' });
    const thrice = await post(article.slug, { authorName: 'Three', body: 'Reported three times.' });
    await report(article.slug, once.body.id, { reason: 'off_topic' });
    for (let i = 0; i < 3; i += 1) await report(article.slug, thrice.body.id, { reason: 'spam' });

    const reported = (await queue('/v1/admin/comments/reported?limit=100')).filter(
      (c) => c.article.id === article.id,
    );
    expect(reported.map((c) => [c.id, c.reportCount])).toEqual([
      [thrice.body.id, 3],
      [once.body.id, 1],
    ]);
    await moderate(thrice.body.id, 'reject');
    const after = (await queue('/v1/admin/comments/reported?limit=100')).filter(
      (c) => c.article.id === article.id,
    );
    expect(after.map((c) => c.id)).toEqual([once.body.id]);
    expect(await counts(article)).toEqual({ live: 1, working: 1 });
  });

  it('keeps a reported comment: its reports close, it stays up and leaves the queue, the log says so', async () => {
    await settings({ reportThreshold: 5 });
    const article = await liveArticle();
    const fair = await post(article.slug, { authorName: 'Fair', body: 'Robust, but fair.' });
    const other = await post(article.slug, { authorName: 'Other', body: 'Reported too.' });
    const plain = await post(article.slug, { authorName: 'Plain', body: 'Nobody minds.' });
    for (let i = 0; i < 3; i += 1) await report(article.slug, fair.body.id, { reason: 'abuse' });
    await report(article.slug, other.body.id, { reason: 'off_topic' });
    const reportedHere = async () =>
      (await queue('/v1/admin/comments/reported?limit=100')).filter((c) => c.article.id === article.id);
    expect((await reportedHere()).map((c) => c.id)).toEqual([fair.body.id, other.body.id]);

    const kept = await kit.moderate(fair.body.id, 'keep', { note: 'Sharp, within the rules' });
    expect(kept.status, kept.text).toBe(200);
    expect(kept.body).toMatchObject({ status: 'approved', reportCount: 0 });
    expect((await reportedHere()).map((c) => c.id)).toEqual([other.body.id]);
    expect(await threadIds(article.slug)).toContain(fair.body.id);
    expect(await counts(article)).toEqual({ live: 3, working: 3 });
    const log = await api.request('GET', `/v1/admin/comments/${fair.body.id}/log`, { token: moderator });
    expect(log.body.entries.at(-1)).toMatchObject({
      actor: 'mo',
      action: 'keep',
      from: 'approved',
      to: 'approved',
      note: 'Sharp, within the rules',
      reasons: [
        { rule: 'reports', detail: '3' },
        { rule: 'moderator', detail: 'Sharp, within the rules' },
      ],
    });

    // Nothing to keep: no open reports, or not up; approve on approved is still refused.
    expect((await moderate(fair.body.id, 'keep')).status).toBe(409);
    expect((await moderate(plain.body.id, 'keep')).status).toBe(409);
    expect((await moderate(fair.body.id, 'approve')).status).toBe(409);
    // New readers can report it again, and it is back on the queue with their count only.
    await report(article.slug, fair.body.id, { reason: 'spam' });
    expect((await reportedHere()).map((c) => [c.id, c.reportCount])).toContainEqual([fair.body.id, 1]);

    // In bulk, with a result per id.
    await moderate(other.body.id, 'reject');
    const bulk = await api.request('POST', '/v1/admin/comments/moderation', {
      token: moderator,
      json: { action: 'keep', ids: [fair.body.id, other.body.id] },
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.results.map((r: { status: number }) => r.status)).toEqual([200, 409]);
    expect(await reportedHere()).toEqual([]);
    expect(await counts(article)).toEqual({ live: 2, working: 2 });
  });

  it('counts a reader once however their user agent varies: three user agents do not hide a comment', async () => {
    await settings({ reportThreshold: 3 });
    const article = await liveArticle();
    const target = await post(article.slug, { authorName: 'Fair', body: 'I disagree with the plan.' });
    expect(target.body.status).toBe('approved');
    const from = kit.addressOf(newClient());
    const answers = [];
    for (const userAgent of ['Firefox/140', 'Chrome/150', 'curl/8.11']) {
      answers.push(
        await api.request('POST', `/v1/articles/${article.slug}/comments/${target.body.id}/reports`, {
          json: { reason: 'abuse' },
          headers: { 'user-agent': userAgent },
          from,
        }),
      );
    }
    expect(answers.map((a) => a.status)).toEqual([201, 409, 409]);
    // Still on the thread, counted once, for everyone to read.
    expect(await threadIds(article.slug)).toContain(target.body.id);
    expect(await counts(article)).toEqual({ live: 1, working: 1 });
    const [listed] = (await queue('/v1/admin/comments/reported?limit=100')).filter(
      (c) => c.id === target.body.id,
    );
    expect(listed?.reportCount).toBe(1);
    // Two other readers make three: the threshold still works for real readers.
    for (let i = 0; i < 2; i += 1) {
      expect((await report(article.slug, target.body.id, { reason: 'abuse' })).status).toBe(201);
    }
    expect(await threadIds(article.slug)).not.toContain(target.body.id);
    expect(await counts(article)).toEqual({ live: 0, working: 0 });
  });

  it('takes at most 20 reports from one address in ten minutes: the 21st is a 429 with Retry-After', async () => {
    await settings({ reportThreshold: 0 });
    // Fixed ten-minute windows: start well inside one, so the 21 reports share it.
    const left = 600 - ((Date.now() / 1000) % 600);
    if (left < 40) await new Promise((r) => setTimeout(r, left * 1000 + 500));
    const article = await liveArticle();
    const targets = [];
    for (let i = 0; i < 22; i += 1) {
      targets.push(await post(article.slug, { authorName: `R${i}`, body: `Comment number ${i}.` }));
    }
    const from = kit.addressOf(newClient());
    const statuses: number[] = [];
    let refused: ApiResponse | undefined;
    for (const [i, target] of targets.slice(0, 21).entries()) {
      // A new user agent each time: what counts is the address.
      const res = await api.request(
        'POST',
        `/v1/articles/${article.slug}/comments/${target.body.id}/reports`,
        {
          json: { reason: 'spam' },
          headers: { 'user-agent': `Agent/${i}` },
          from,
        },
      );
      statuses.push(res.status);
      refused = res;
    }
    expect(statuses).toEqual([...Array(20).fill(201), 429]);
    expect(refused?.body.type).toMatch(/too-many-requests$/);
    const retryAfter = Number(refused?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // The refused report counted nothing; another reader's report of it is taken.
    const reported = await queue('/v1/admin/comments/reported?limit=100');
    const last = targets[20]?.body.id;
    expect(reported.some((c) => c.id === last)).toBe(false);
    expect((await report(article.slug, last, { reason: 'spam' })).status).toBe(201);
  });

  it('refuses reports from a banned client and from its address, as it refuses their comments', async () => {
    await settings({ reportThreshold: 0 });
    const article = await liveArticle();
    const shown = await post(article.slug, { authorName: 'Calm', body: 'A reasonable comment.' });
    const troll = newClient();
    const theirs = await post(article.slug, { authorName: 'Troll', body: 'Insults.' }, troll);
    const ban = await api.request('POST', '/v1/admin/bans', {
      token: moderator,
      json: { commentId: theirs.body.id, reason: 'Abuse' },
    });
    expect(ban.status, ban.text).toBe(201);
    const bannedPost = await post(article.slug, { authorName: 'Troll', body: 'Again.' }, troll);
    expect(bannedPost.status).toBe(403);

    const fromClient = await report(article.slug, shown.body.id, { reason: 'abuse' }, troll);
    expect(fromClient.status).toBe(403);
    expect(fromClient.body.type).toBe(bannedPost.body.type);
    expect(fromClient.body.detail).toBe('You cannot comment here any more.');
    const newAgent = await api.request(
      'POST',
      `/v1/articles/${article.slug}/comments/${shown.body.id}/reports`,
      {
        json: { reason: 'abuse' },
        headers: { 'user-agent': 'Another browser/1.0' },
        from: kit.addressOf(troll),
      },
    );
    expect(newAgent.status).toBe(403);
    expect(await queue('/v1/admin/comments/reported?limit=100')).not.toContainEqual(
      expect.objectContaining({ id: shown.body.id }),
    );
    expect((await report(article.slug, shown.body.id, { reason: 'abuse' })).status).toBe(201);
  });
});

describe('suspect terms and reasons', () => {
  it('holds a suspect term even in post mode, and says which rule and term held each comment', async () => {
    await settings({ mode: 'post', blockedTerms: ['casino'], suspectTerms: ['Shill'] });
    const article = await liveArticle();
    // Folded matching: case and lookalike letters hide nothing.
    const suspect = await post(article.slug, { authorName: 'Pat', body: 'The developer is paying a SHІLL.' });
    expect(suspect.body.status).toBe('pending');
    const blocked = await post(article.slug, { authorName: 'Vic', body: 'Visit the casino instead.' });
    const clean = await post(article.slug, { authorName: 'Sue', body: 'Thanks for the map.' });
    expect(clean.body.status).toBe('approved');
    const pending = await queue(`/v1/admin/comments?status=pending&articleId=${article.id}`);
    const byId = new Map(pending.map((c) => [c.id, c]));
    expect(byId.get(suspect.body.id)?.reasons).toEqual([{ rule: 'suspect-term', detail: 'shill' }]);
    expect(byId.get(blocked.body.id)?.reasons).toEqual([{ rule: 'blocked-term', detail: 'casino' }]);

    await settings({ mode: 'pre' });
    const held = await post(article.slug, { authorName: 'Ann', body: 'Pre-moderated now.' });
    const [row] = (await queue(`/v1/admin/comments?status=pending&articleId=${article.id}`)).filter(
      (c) => c.id === held.body.id,
    );
    expect(row?.reasons).toEqual([{ rule: 'pre-moderation', detail: null }]);

    const rejected = await api.request('POST', `/v1/admin/comments/${blocked.body.id}/moderation`, {
      token: moderator,
      json: { action: 'reject', note: 'Advertising' },
    });
    expect(rejected.body.reasons).toEqual([
      { rule: 'blocked-term', detail: 'casino' },
      { rule: 'moderator', detail: 'Advertising' },
    ]);
    expect(await counts(article)).toEqual({ live: 1, working: 1 });
  });
});

describe('spellings and disguised links', () => {
  it('holds blocked and suspect terms however spelled, and counts disguised links toward maxLinks', async () => {
    await settings({ mode: 'post', maxLinks: 1, blockedTerms: ['casino'], suspectTerms: ['shill'] });
    const article = await liveArticle();
    const cases: [string, string[]][] = [
      ['Try the c4s1n0 tonight.', ['blocked-term:casino']],
      ['The best ᴄᴀꜱɪɴᴏ in town.', ['blocked-term:casino']],
      ['Visit the c a s i n o.', ['blocked-term:casino']],
      ['He is a 5hill.', ['suspect-term:shill']],
      ['He is a sh-ill.', ['suspect-term:shill']],
      ['He is a shıll.', ['suspect-term:shill']],
      ['He is a sh\u3164ill.', ['suspect-term:shill']],
      ['See hxxps://a.example and www。b。example.', ['links:2']],
      ['See https:/ /a.example and //b.example/x.', ['links:2']],
    ];
    for (const [body, flags] of cases) {
      const res = await post(article.slug, { authorName: 'Reader', body });
      expect(res.status, body).toBe(201);
      expect(res.body.status, body).toBe('pending');
      const [row] = (await queue(`/v1/admin/comments?status=pending&articleId=${article.id}`)).filter(
        (c) => c.id === res.body.id,
      );
      expect(row?.flags, body).toEqual(flags);
    }
    // Ordinary words near the terms, and one plain link, go straight up.
    const clean = await post(article.slug, {
      authorName: 'Reader',
      body: 'This hill is where the fish illness began; a case in one pond. Map: https://maps.example',
    });
    expect(clean.body.status).toBe('approved');
    expect(await counts(article)).toEqual({ live: 1, working: 1 });
  });
});

describe('bans', () => {
  it('refuses a banned commenter under another name from the same client, rejects their pending, and revokes', async () => {
    await settings({ mode: 'pre' });
    const article = await liveArticle();
    const client = newClient();
    const first = await post(
      article.slug,
      { authorName: 'Troll', authorEmail: 'troll@example.org', body: 'First insult.' },
      client,
    );
    const second = await post(article.slug, { authorName: 'Troll', body: 'Second insult.' }, client);
    const bystander = await post(article.slug, { authorName: 'Kind', body: 'Unrelated.' });
    // What the same writer had approved before stays up: the ban rejects what is pending.
    const earlier = await post(article.slug, { authorName: 'Troll', body: 'A fair point, once.' }, client);
    expect((await moderate(earlier.body.id, 'approve')).status).toBe(200);
    expect(await counts(article)).toEqual({ live: 1, working: 1 });

    const banned = await api.request('POST', '/v1/admin/bans', {
      token: moderator,
      json: { commentId: first.body.id, reason: 'Abuse of other readers' },
    });
    expect(banned.status, banned.text).toBe(201);
    expect(banned.body).toMatchObject({
      commentId: first.body.id,
      authorName: 'Troll',
      byEmail: true,
      reason: 'Abuse of other readers',
      until: null,
      createdBy: 'mo',
      active: true,
    });
    expect(banned.body).not.toHaveProperty('hashes');
    expect([...banned.body.rejected].sort()).toEqual([first.body.id, second.body.id].sort());
    const pending = await queue(`/v1/admin/comments?status=pending&articleId=${article.id}`);
    expect(pending.map((c) => c.id)).toEqual([bystander.body.id]);

    const renamed = await post(article.slug, { authorName: 'Friendly Person', body: 'Hello again.' }, client);
    expect(renamed.status).toBe(403);
    expect(renamed.body.detail).toBe('You cannot comment here any more.');
    const sameEmail = await post(article.slug, {
      authorName: 'New',
      authorEmail: 'TROLL@example.org',
      body: 'From another browser.',
    });
    expect(sameEmail.status).toBe(403);
    expect(await counts(article)).toEqual({ live: 1, working: 1 });
    expect((await post(article.slug, { authorName: 'Else', body: 'Someone else.' })).status).toBe(201);

    const list = await api.request('GET', '/v1/admin/bans', { token: moderator });
    expect(list.body.items[0]).toMatchObject({ id: banned.body.id, active: true });

    const revoked = await api.request('DELETE', `/v1/admin/bans/${banned.body.id}`, { token: moderator });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ active: false, revokedBy: 'mo' });
    expect(
      (await api.request('DELETE', `/v1/admin/bans/${banned.body.id}`, { token: moderator })).status,
    ).toBe(409);
    expect((await post(article.slug, { authorName: 'Troll', body: 'Behaving now.' }, client)).status).toBe(
      201,
    );
    expect(await counts(article)).toEqual({ live: 1, working: 1 });
  });

  it('takes an end date, refuses one in the past, and is for moderators only', async () => {
    const article = await liveArticle();
    const c = await post(article.slug, { authorName: 'T', body: 'Temporary trouble.' });
    const past = await api.request('POST', '/v1/admin/bans', {
      token: moderator,
      json: { commentId: c.body.id, reason: 'x', until: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(422);
    expect(
      (
        await api.request('POST', '/v1/admin/bans', {
          token: editor,
          json: { commentId: c.body.id, reason: 'x' },
        })
      ).status,
    ).toBe(403);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const ban = await api.request('POST', '/v1/admin/bans', {
      token: moderator,
      json: { commentId: c.body.id, reason: 'Cooling off', until, rejectPending: false },
    });
    expect(ban.status).toBe(201);
    expect(ban.body.rejected).toEqual([]);
    expect(
      (await api.request('GET', `/v1/admin/comments?articleId=${article.id}`, { token: moderator })).body
        .items,
    ).toHaveLength(1);
  });

  it('refuses each of ten evasion shapes after a ban by email and client', async () => {
    await settings({ mode: 'post' });
    const article = await liveArticle();
    const troll = newClient();
    const first = await post(
      article.slug,
      { authorName: 'Troll', authorEmail: 'troll@gmail.com', body: 'An insult.' },
      troll,
    );
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const ban = await api.request('POST', '/v1/admin/bans', {
      token: moderator,
      json: { commentId: first.body.id, reason: 'Abuse', until },
    });
    expect(ban.status, ban.text).toBe(201);
    const sameAddress = (userAgent: string) => ({ from: kit.addressOf(troll), userAgent });
    const elsewhere = () => ({ from: kit.addressOf(newClient()), userAgent: 'Elsewhere/1.0' });
    const shapes: [string, { from: string; userAgent: string }, string | undefined][] = [
      ['same client, same email', sameAddress(troll), 'troll@gmail.com'],
      ['same client, no email', sameAddress(troll), undefined],
      ['same client, another email', sameAddress(troll), 'friendly@example.org'],
      ['new user agent, same address, no email', sameAddress('Fresh/2.0'), undefined],
      ['new user agent, same address, another email', sameAddress('Fresh/3.0'), 'new@example.net'],
      ['another address, email in capitals', elsewhere(), 'TROLL@GMAIL.COM'],
      ['another address, a plus tag', elsewhere(), 'troll+x@gmail.com'],
      ['another address, dots Gmail ignores', elsewhere(), 't.roll@gmail.com'],
      ['another address, googlemail.com', elsewhere(), 'troll@googlemail.com'],
      ['another address, all of it', elsewhere(), 'T.Roll+2026@GoogleMail.com'],
    ];
    for (const [shape, { from, userAgent }, authorEmail] of shapes) {
      const res = await api.request('POST', `/v1/articles/${article.slug}/comments`, {
        json: {
          authorName: 'Someone new',
          body: `Trying: ${shape}.`,
          ...(authorEmail ? { authorEmail } : {}),
        },
        headers: { 'user-agent': userAgent },
        from,
      });
      expect(res.status, shape).toBe(403);
      expect(res.body.detail, shape).toBe(`You cannot comment here until ${until}.`);
    }
    // Nobody else is caught: another reader elsewhere, and a Gmail neighbour with another mailbox.
    expect((await post(article.slug, { authorName: 'Else', body: 'Hello.' })).status).toBe(201);
    const neighbour = await post(article.slug, {
      authorName: 'Neighbour',
      authorEmail: 'trolley@gmail.com',
      body: 'Hello too.',
    });
    expect(neighbour.status).toBe(201);
    expect(await counts(article)).toEqual({ live: 3, working: 3 });
  });
});

describe('trusted commenters', () => {
  it('approves a trusted commenter at once, and stops after a spam mark', async () => {
    await settings({ mode: 'pre', trustAfter: 2 });
    const article = await liveArticle();
    const email = `regular-${Date.now()}@example.org`;
    const as = (body: string) => post(article.slug, { authorName: 'Regular', authorEmail: email, body });
    for (const body of ['First visit.', 'Second visit.']) {
      const c = await as(body);
      expect(c.body.status).toBe('pending');
      expect((await moderate(c.body.id, 'approve')).status).toBe(200);
    }
    const trusted = await as('Third visit: straight through.');
    expect(trusted.body.status).toBe('approved');
    expect(await threadIds(article.slug)).toContain(trusted.body.id);
    expect(await counts(article)).toEqual({ live: 3, working: 3 });
    // Someone else with no record still waits.
    expect((await post(article.slug, { authorName: 'New', body: 'Hello.' })).body.status).toBe('pending');

    expect((await moderate(trusted.body.id, 'spam')).status).toBe(200);
    expect(await counts(article)).toEqual({ live: 2, working: 2 });
    const after = await as('Fourth visit.');
    expect(after.body.status).toBe('pending');
  });
});
