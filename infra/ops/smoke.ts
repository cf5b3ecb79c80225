/**
 * The smoke walk of a deployed stage (or of `npm start`): one throwaway article through the whole
 * product, as a newsroom uses it, over HTTP only. Two identities, because approval takes four eyes:
 * the writer (author or editor) creates and submits; the reviewer (editor and moderator) approves,
 * publishes, approves the comment and takes the article down. What it made is removed as far as the
 * API allows, even when a step fails: a published article is unpublished (archived: an article that
 * has been live is never deleted), a draft deleted.
 */
export interface SmokeOptions {
  /** The API's base URL, e.g. https://abc.execute-api.eu-west-1.amazonaws.com/prod */
  api: string;
  /** Where readers read, if not the API itself (the console's CloudFront URL). */
  cdn?: string;
  writerToken: string;
  reviewerToken: string;
  log: (line: string) => void;
  /** How long to wait for a public read to show what was just published or approved. */
  settleMs?: number;
}

export interface SmokeStep {
  name: string;
  ms: number;
  ok: boolean;
  detail?: string;
}

export class SmokeFailure extends Error {
  constructor(
    message: string,
    readonly steps: readonly SmokeStep[],
  ) {
    super(message);
    this.name = 'SmokeFailure';
  }
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  etag: string | null;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export async function runSmoke(options: SmokeOptions): Promise<SmokeStep[]> {
  const api = trimSlash(options.api);
  const cdn = options.cdn ? trimSlash(options.cdn) : undefined;
  const settleMs = options.settleMs ?? 30_000;
  const steps: SmokeStep[] = [];

  async function call(
    method: string,
    url: string,
    init: { token?: string; json?: unknown; ifMatch?: number } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    if (init.ifMatch !== undefined) headers['if-match'] = `"${init.ifMatch}"`;
    const res = await fetch(url, {
      method,
      headers,
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { text: text.slice(0, 200) };
    }
    return { status: res.status, body, etag: res.headers.get('etag') };
  }

  /** An answer with the expected status, or a failure that says what came instead. */
  async function expectStatus(want: number, answer: Promise<Answer>): Promise<Answer> {
    const got = await answer;
    if (got.status !== want) {
      const detail = typeof got.body.detail === 'string' ? `: ${got.body.detail}` : '';
      throw new Error(`expected ${want}, got ${got.status}${detail}`);
    }
    return got;
  }

  async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await run();
      const ms = Math.round(performance.now() - started);
      steps.push({ name, ms, ok: true });
      options.log(`ok    ${name.padEnd(44)} ${String(ms).padStart(6)} ms`);
      return result;
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      const detail = error instanceof Error ? error.message : String(error);
      steps.push({ name, ms, ok: false, detail });
      options.log(`FAIL  ${name.padEnd(44)} ${String(ms).padStart(6)} ms  ${detail}`);
      throw new SmokeFailure(`${name}: ${detail}`, steps);
    }
  }

  /** Polls a public read until it answers as wanted (a CDN or an index can take a moment). */
  async function until(url: string, ok: (answer: Answer) => boolean): Promise<Answer> {
    const deadline = Date.now() + settleMs;
    for (;;) {
      const answer = await call('GET', url);
      if (ok(answer)) return answer;
      if (Date.now() > deadline) throw new Error(`${url} still answers ${answer.status}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  const writer = options.writerToken;
  const reviewer = options.reviewerToken;
  const stamp = new Date().toISOString();
  let article: { id: string; version: number; slug: string; live: boolean } | undefined;
  const track = (answer: Answer) => {
    article = {
      id: String(answer.body.id),
      version: Number(answer.body.version),
      slug: String(answer.body.slug),
      live: answer.body.live === true,
    };
    return article;
  };
  const transition = (token: string, action: string) => async () => {
    const current = article as NonNullable<typeof article>;
    track(
      await expectStatus(
        200,
        call('POST', `${api}/v1/admin/articles/${current.id}/transitions`, {
          token,
          json: { action },
          ifMatch: current.version,
        }),
      ),
    );
  };

  let failure: unknown;
  try {
    await step('create a draft (writer)', async () => {
      // Articles name an existing section: the smoke test's own, created by the reviewer (an
      // editor) the first time and kept (taken already: 409). Whatever this answers, the create
      // below says what matters (a 422 naming the section if it is still missing).
      await call('POST', `${api}/v1/admin/sections`, {
        token: reviewer,
        json: { slug: 'smoke-test', name: 'Smoke test', description: 'Throwaway articles of npm run smoke.' },
      });
      return track(
        await expectStatus(
          201,
          call('POST', `${api}/v1/admin/articles`, {
            token: writer,
            json: {
              title: `Smoke test ${stamp}`,
              section: 'smoke-test',
              standfirst: 'A throwaway article of the smoke command; it is taken down at once.',
              body: [{ type: 'paragraph', text: `Written by npm run smoke at ${stamp}.` }],
            },
          }),
        ),
      );
    });
    await step('submit for review (writer)', transition(writer, 'submit'));
    await step('approve (reviewer: four eyes)', transition(reviewer, 'approve'));
    await step('publish (reviewer)', transition(reviewer, 'publish'));
    const slug = (article as NonNullable<typeof article>).slug;
    await step('read it as a reader (API)', async () => {
      await until(`${api}/v1/articles/${slug}`, (a) => a.status === 200);
    });
    if (cdn) {
      await step('read it as a reader (CDN)', async () => {
        await until(`${cdn}/v1/articles/${slug}`, (a) => a.status === 200);
      });
    }
    const comment = await step('post a comment (anonymous reader)', async () =>
      expectStatus(
        201,
        call('POST', `${api}/v1/articles/${slug}/comments`, {
          json: { authorName: 'Smoke test', body: `Posted by npm run smoke at ${stamp}.` },
        }),
      ),
    );
    const commentId = String(comment.body.id);
    if (comment.body.status !== 'approved') {
      await step('approve the comment (reviewer)', async () => {
        await expectStatus(
          200,
          call('POST', `${api}/v1/admin/comments/${commentId}/moderation`, {
            token: reviewer,
            json: { action: 'approve', note: 'Smoke test' },
          }),
        );
      });
    }
    await step('see the comment in the public thread', async () => {
      await until(`${api}/v1/articles/${slug}/comments`, (a) =>
        ((a.body.items as { id: string }[] | undefined) ?? []).some((c) => c.id === commentId),
      );
    });
  } catch (error) {
    failure = error;
  }
  try {
    await cleanUp();
  } catch (error) {
    failure ??= error; // the first failure is the one to fix; this one was printed too
  }
  if (failure) throw failure;
  return steps;

  /** Takes down what the walk made, however far it got; a failure here is reported too. */
  async function cleanUp(): Promise<void> {
    const made = article;
    if (!made) return;
    if (made.live) {
      await step('unpublish it (reviewer; archived, not deleted)', transition(reviewer, 'unpublish'));
      await step('check readers no longer see it', async () => {
        await until(`${api}/v1/articles/${made.slug}`, (a) => a.status === 404);
      });
    } else {
      await step('delete the draft (writer)', async () => {
        const current = article as NonNullable<typeof article>;
        await expectStatus(
          204,
          call('DELETE', `${api}/v1/admin/articles/${current.id}`, {
            token: writer,
            ifMatch: current.version,
          }),
        );
      });
    }
  }
}
