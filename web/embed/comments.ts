import { Api, type Comment, REASONS, type Reason, SORTS, type Sort, type ThreadInfo } from './api.ts';
import { focusOn, h } from './dom.ts';
import { readPending, writePending } from './pending.ts';
import { type Strings, stringsFor, type Translate, translator } from './strings.ts';
import { CSS } from './styles.ts';

/**
 * `<newsroom-comments slug="...">`: a story's reader comments on a newsroom's own page. One ES
 * module, no framework: it reads the thread from the CMS it was loaded from (or `api="..."`),
 * renders in Shadow DOM, and posts and reports through the public routes. See
 * docs/comments-widget.md for the attributes, theming, strings and the CSP a page needs.
 */
const LIMITS = { name: 80, body: 2000, report: 500 } as const;

interface Replies {
  items: Comment[];
  cursor: string | null;
  open: boolean;
}

class NewsroomComments extends HTMLElement {
  private readonly root = this.attachShadow({ mode: 'open' });
  private t: Translate = translator(stringsFor('en'), 'en');
  private api!: Api;
  private slug = '';
  private info: ThreadInfo | undefined;
  private sort: Sort = 'oldest';
  private top: Comment[] = [];
  private cursor: string | null = null;
  private featured: Comment[] = [];
  private readonly replies = new Map<string, Replies>();
  private pending: Comment[] = [];
  private started = false;
  private dates = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  // Parts that stay put while the thread changes, so focus and typed text survive.
  private readonly heading = h('h2', { id: 'heading', part: 'heading' });
  private readonly live = h('div', { class: 'sr', role: 'status', 'aria-live': 'polite' });
  private readonly body = h('div');
  private list = h('ol', { part: 'list' });
  private more = h('div');

  connectedCallback() {
    if (this.started) return;
    this.started = true;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    // A constructed stylesheet: no <style> element, so the page's CSP needs no 'unsafe-inline'.
    this.root.adoptedStyleSheets = [sheet];
    const lang =
      this.getAttribute('lang') ||
      this.parentElement?.closest('[lang]')?.getAttribute('lang') ||
      document.documentElement.lang ||
      'en';
    this.t = translator(stringsFor(lang, this.ownStrings(lang)), lang);
    this.slug = this.getAttribute('slug') ?? '';
    this.api = new Api(this.getAttribute('api') || new URL(import.meta.url).origin, this.slug);
    this.heading.textContent = this.t('heading');
    this.root.append(
      h('section', { part: 'root', 'aria-labelledby': 'heading' }, this.heading, this.live, this.body),
    );
    void this.load();
  }

  /** The newsroom's own strings: a JSON script inside the element, flat or keyed by language. */
  private ownStrings(lang: string): Partial<Strings> {
    const script = this.querySelector('script[type="application/json"][data-strings]');
    try {
      const parsed = JSON.parse(script?.textContent ?? '{}') as Record<string, unknown>;
      const byLang = parsed[lang] ?? parsed[lang.toLowerCase().split('-')[0] ?? ''];
      return (byLang && typeof byLang === 'object' ? byLang : parsed) as Partial<Strings>;
    } catch {
      return {};
    }
  }

  private say(text: string) {
    // Cleared first, so the same words twice are announced twice.
    this.live.textContent = '';
    setTimeout(() => {
      this.live.textContent = text;
    }, 50);
  }

  private show(...children: (Node | false)[]) {
    this.body.replaceChildren(...children.filter((c): c is Node => c !== false));
  }

  private async load() {
    this.show(h('p', {}, this.t('loading')));
    if (!this.slug) return this.show(h('p', { class: 'note', part: 'notice' }, this.t('noThread')));
    // A reader waiting for their own comment reads past the browser's cache: a reload shows it.
    this.pending = readPending(this.slug);
    const fresh = this.pending.length > 0;
    const article = await this.api.article(fresh);
    if (!article.ok) {
      if (article.status === 404)
        return this.show(h('p', { class: 'note', part: 'notice' }, this.t('noThread')));
      return this.failed();
    }
    this.info = article.value;
    if (!this.info.commentsEnabled && this.info.commentCount === 0)
      return this.show(h('p', { class: 'note', part: 'notice' }, this.t('noThread')));
    const [page, featured] = await Promise.all([
      this.api.thread(this.sort, undefined, fresh),
      this.info.featuredCount > 0 ? this.api.featured() : undefined,
    ]);
    if (!page.ok) return this.failed();
    this.top = page.value.items;
    this.cursor = page.value.nextCursor;
    this.featured = featured?.ok ? featured.value.items : [];
    this.settle(this.top);
    this.render();
  }

  private failed() {
    this.show(
      h(
        'div',
        { class: 'note', part: 'notice' },
        h('p', {}, this.t('loadFailed')),
        h('button', { type: 'button', part: 'button', onclick: () => void this.load() }, this.t('retry')),
      ),
    );
  }

  /** Pending comments that now show in the thread were approved: no longer this browser's own. */
  private settle(seen: readonly Comment[]) {
    const ids = new Set(seen.map((c) => c.id));
    const left = this.pending.filter((c) => !ids.has(c.id));
    if (left.length !== this.pending.length) {
      this.pending = left;
      writePending(this.slug, left);
    }
  }

  private countText() {
    const n = this.info?.commentCount ?? 0;
    return n ? this.t('count_other', { n }) : this.t('heading');
  }

  private render() {
    const info = this.info;
    if (!info) return;
    this.heading.textContent = this.countText();
    const closed = !info.commentsOpen;
    const notice = closed
      ? h('p', { class: 'note', part: 'notice', id: 'closed' }, this.t('closed'))
      : info.commentsCloseAt &&
        h(
          'p',
          { class: 'hint' },
          this.t('closesAt', { s: this.dates.format(new Date(info.commentsCloseAt)) }),
        );
    const pendingTop = this.pending.filter((c) => !c.parentId);
    const empty = this.top.length === 0 && pendingTop.length === 0;
    const select = h(
      'select',
      {
        id: 'sort',
        part: 'sort',
        onchange: (e) => void this.resort((e.target as HTMLSelectElement).value as Sort),
      },
      ...SORTS.map((s) => h('option', { value: s, selected: s === this.sort }, this.t(`sort_${s}`))),
    );
    this.list = h('ol', { part: 'list', 'aria-labelledby': 'heading' });
    for (const c of pendingTop) this.list.append(this.item(c, true));
    for (const c of this.top) this.list.append(this.item(c));
    this.more = h('div');
    this.renderMore();
    this.show(
      notice || false,
      !closed && this.form(),
      this.featured.length > 0 &&
        h(
          'section',
          { part: 'featured', 'aria-labelledby': 'featured' },
          h('h3', { id: 'featured' }, this.t('featured')),
          h('ol', {}, ...this.featured.map((c) => this.item(c, false, 'f-'))),
        ),
      empty
        ? h('p', { part: 'empty' }, this.t('noComments'))
        : h('div', { class: 'bar' }, h('label', { for: 'sort' }, this.t('sortLabel')), select),
      this.list,
      this.more,
    );
  }

  private renderMore() {
    this.more.replaceChildren(
      ...(this.cursor
        ? [
            h(
              'button',
              { type: 'button', part: 'button load-more', onclick: () => void this.loadMore() },
              this.t('loadMore'),
            ),
          ]
        : []),
    );
  }

  private async resort(sort: Sort) {
    this.sort = sort;
    const page = await this.api.thread(sort);
    if (!page.ok) return this.say(this.t('loadFailed'));
    this.top = page.value.items;
    this.cursor = page.value.nextCursor;
    this.list.replaceChildren(
      ...this.pending.filter((c) => !c.parentId).map((c) => this.item(c, true)),
      ...this.top.map((c) => this.item(c)),
    );
    this.renderMore();
    this.say(this.t('sorted', { s: this.t(`sort_${sort}`) }));
  }

  private async loadMore() {
    const button = this.more.querySelector('button');
    if (!this.cursor || !button) return;
    button.disabled = true;
    const page = await this.api.thread(this.sort, this.cursor);
    button.disabled = false;
    if (!page.ok) return this.say(this.t('loadFailed'));
    const fresh = page.value.items.filter((c) => !this.top.some((o) => o.id === c.id));
    this.top.push(...fresh);
    this.cursor = page.value.nextCursor;
    this.settle(fresh);
    const items = fresh.map((c) => this.item(c));
    this.list.append(...items);
    this.renderMore();
    // Focus the first comment just loaded, so a keyboard reader goes on reading where it starts.
    const first = items[0]?.querySelector('article');
    if (first) focusOn(first);
    else this.more.querySelector('button')?.focus();
    this.say(this.t('loaded_other', { n: fresh.length }));
  }

  /** One comment, its actions and (top-level) its replies. */
  private item(c: Comment, pending = false, prefix = ''): HTMLElement {
    const id = `${prefix}c-${c.id}`;
    const name = c.removed ? this.t('removedAuthor') : (c.authorName ?? '');
    const article = h(
      'article',
      {
        id,
        part: `comment${c.featured ? ' featured' : ''}${pending ? ' pending' : ''}`,
        class: c.featured ? 'featured' : pending ? 'pending' : undefined,
        'aria-labelledby': `${id}-by`,
      },
      h(
        'div',
        { class: 'meta' },
        h('span', { class: 'author', part: 'author', id: `${id}-by` }, name),
        h('time', { datetime: c.createdAt, part: 'time' }, this.dates.format(new Date(c.createdAt))),
        c.featured && h('span', { class: 'badge', part: 'badge' }, this.t('featuredBadge')),
        pending && h('span', { class: 'badge', part: 'badge' }, this.t('pending')),
      ),
      c.removed
        ? h('p', { class: 'body removed', part: 'body' }, this.t('removed'))
        : h('p', { class: 'body', part: 'body' }, c.body ?? ''),
    );
    const li = h('li', {}, article);
    if (pending || c.removed) {
      if (c.removed && !prefix) this.repliesOf(c, article, name);
      return li;
    }
    const panel = h('div');
    const toggle = (button: HTMLElement, make: () => HTMLElement) => {
      const open = button.getAttribute('aria-expanded') === 'true';
      for (const other of actions.querySelectorAll('[aria-expanded]'))
        other.setAttribute('aria-expanded', 'false');
      if (open) {
        panel.replaceChildren();
        return;
      }
      button.setAttribute('aria-expanded', 'true');
      const made = make();
      panel.replaceChildren(made);
      made.querySelector<HTMLElement>('input,textarea')?.focus();
    };
    const actions = h('div', { class: 'actions' });
    if (this.info?.commentsOpen && !prefix) {
      const reply: HTMLElement = h(
        'button',
        {
          type: 'button',
          class: 'link',
          part: 'button reply',
          'aria-expanded': 'false',
          'aria-label': this.t('replyTo', { name }),
          onclick: () =>
            toggle(reply, () =>
              this.form(c.parentId ?? c.id, () => {
                reply.setAttribute('aria-expanded', 'false');
                panel.replaceChildren();
                reply.focus();
              }),
            ),
        },
        this.t('reply'),
      );
      actions.append(reply);
    }
    const report: HTMLElement = h(
      'button',
      {
        type: 'button',
        class: 'link',
        part: 'button report',
        'aria-expanded': 'false',
        'aria-label': this.t('reportHeading', { name }),
        onclick: () =>
          toggle(report, () =>
            this.reportForm(c, name, () => {
              report.setAttribute('aria-expanded', 'false');
              panel.replaceChildren();
              report.focus();
            }),
          ),
      },
      this.t('report'),
    );
    actions.append(report);
    article.append(actions, panel);
    if (!c.parentId && !prefix) this.repliesOf(c, article, name);
    return li;
  }

  /** "Show N replies", the replies (paged), and this browser's pending replies under it. */
  private repliesOf(c: Comment, article: HTMLElement, name: string) {
    const state = this.replies.get(c.id) ?? { items: [], cursor: null, open: false };
    this.replies.set(c.id, state);
    const listId = `r-${c.id}`;
    const list = h('ol', {
      id: listId,
      class: 'replies',
      part: 'replies',
      'aria-label': this.t('repliesTo', { name }),
    });
    const more = h('div');
    const mine = this.pending.filter((p) => p.parentId === c.id);
    const label = () =>
      state.open ? this.t('hideReplies') : this.t('showReplies_other', { n: c.replyCount });
    const toggle = h(
      'button',
      {
        type: 'button',
        class: 'link',
        part: 'button show-replies',
        'aria-expanded': String(state.open),
        'aria-controls': listId,
        onclick: async () => {
          state.open = !state.open;
          if (state.open && state.items.length === 0) await this.moreReplies(c, state);
          draw();
        },
      },
      label(),
    );
    const draw = (focusFrom = -1) => {
      toggle.textContent = label();
      toggle.setAttribute('aria-expanded', String(state.open));
      const items = state.open ? state.items.map((r) => this.item(r)) : [];
      list.replaceChildren(...mine.map((r) => this.item(r, true)), ...items);
      list.hidden = !state.open && mine.length === 0;
      more.replaceChildren(
        ...(state.open && state.cursor
          ? [
              h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  part: 'button load-more',
                  onclick: async () => {
                    const before = state.items.length;
                    await this.moreReplies(c, state);
                    draw(before);
                  },
                },
                this.t('moreReplies'),
              ),
            ]
          : []),
      );
      const first = focusFrom >= 0 ? items[focusFrom]?.querySelector('article') : undefined;
      if (first) focusOn(first);
    };
    if (c.replyCount > 0) article.append(toggle);
    article.append(list, more);
    // So a reply posted from here can show at once.
    list.addEventListener('newsroom-reply', (e) => {
      const reply = (e as CustomEvent<{ comment: Comment; pending: boolean }>).detail;
      if (reply.pending) mine.unshift(reply.comment);
      else state.items.push(reply.comment);
      if (!reply.pending) state.open = true;
      draw();
    });
    draw();
  }

  private async moreReplies(c: Comment, state: Replies) {
    const page = await this.api.replies(c.id, state.cursor ?? undefined);
    if (!page.ok) return this.say(this.t('loadFailed'));
    state.items.push(...page.value.items.filter((r) => !state.items.some((o) => o.id === r.id)));
    state.cursor = page.value.nextCursor;
    this.settle(page.value.items);
  }

  /** The posting form: a new comment, or a reply to `parentId` (with a way to cancel it). */
  private form(parentId?: string, cancel?: () => void): HTMLElement {
    const p = parentId ? `r${parentId}-` : 'new-';
    const field = (key: 'name' | 'email' | 'body', control: HTMLElement, hint?: HTMLElement): HTMLElement => {
      control.id = `${p}${key}`;
      control.setAttribute('part', 'input');
      control.setAttribute('aria-describedby', `${p}${key}-err${hint ? ` ${hint.id}` : ''}`);
      return h(
        'div',
        { part: 'field' },
        h('label', { for: control.id }, this.t(key)),
        control,
        hint ?? false,
        h('p', { class: 'error', id: `${p}${key}-err` }),
      );
    };
    const name = h('input', {
      type: 'text',
      name: 'authorName',
      autocomplete: 'name',
      maxlength: LIMITS.name,
    });
    const email = h('input', { type: 'email', name: 'authorEmail', autocomplete: 'email' });
    const body = h('textarea', { name: 'body', maxlength: LIMITS.body, rows: 4 }) as HTMLTextAreaElement;
    const counter = h('p', { class: 'hint', id: `${p}counter`, part: 'counter' });
    const count = () => {
      counter.textContent = this.t('counter', { n: body.value.length, s: LIMITS.body.toLocaleString() });
    };
    body.addEventListener('input', count);
    count();
    const note = h('div', { class: 'note', part: 'status', id: `${p}note` });
    const submit = h('button', { type: 'submit', class: 'primary', part: 'button submit' }, this.t('post'));
    const form = h(
      'form',
      { part: 'form', novalidate: true, 'aria-labelledby': `${p}h` },
      h('h3', { id: `${p}h` }, parentId ? this.t('reply') : this.t('formHeading')),
      field('name', name),
      field('email', email, h('p', { class: 'hint', id: `${p}email-hint` }, this.t('emailHint'))),
      field('body', body, counter),
      h(
        'div',
        { class: 'actions' },
        submit,
        cancel && h('button', { type: 'button', part: 'button', onclick: cancel }, this.t('cancel')),
      ),
      note,
    );
    const controls = { authorName: name, authorEmail: email, body } as Record<string, HTMLElement>;
    const errorKey = { authorName: 'errName', authorEmail: 'errEmail', body: 'errBody' } as const;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      for (const control of Object.values(controls)) {
        control.removeAttribute('aria-invalid');
        const err = form.querySelector(`#${control.id}-err`);
        if (err) err.textContent = '';
      }
      note.textContent = '';
      submit.setAttribute('disabled', '');
      submit.textContent = this.t('posting');
      const input = {
        authorName: (name as HTMLInputElement).value.trim(),
        body: body.value,
        ...((email as HTMLInputElement).value.trim()
          ? { authorEmail: (email as HTMLInputElement).value.trim() }
          : {}),
        ...(parentId ? { parentId } : {}),
      };
      const result = await this.api.post(input);
      submit.removeAttribute('disabled');
      submit.textContent = this.t('post');
      const tell = (...lines: string[]) => {
        note.replaceChildren(...lines.map((line) => h('p', {}, line)));
        focusOn(note);
      };
      if (result.ok) {
        const comment: Comment = {
          id: result.value.id,
          parentId: parentId ?? null,
          authorName: input.authorName,
          body: input.body,
          createdAt: new Date().toISOString(),
          replyCount: 0,
          featured: false,
          removed: false,
        };
        body.value = '';
        count();
        const held = result.value.status === 'pending';
        if (held) {
          this.pending.unshift(comment);
          writePending(this.slug, this.pending);
          tell(this.t('held'), this.t('heldWhy'));
          this.say(`${this.t('held')} ${this.t('heldWhy')}`);
        } else {
          if (this.info) this.info.commentCount += 1;
          this.heading.textContent = this.countText();
          if (!parentId) this.top.unshift(comment);
          tell(this.t('published'));
          this.say(this.t('published'));
        }
        if (parentId) {
          this.root
            .getElementById(`r-${parentId}`)
            ?.dispatchEvent(new CustomEvent('newsroom-reply', { detail: { comment, pending: held } }));
        } else {
          this.list.prepend(this.item(comment, held));
          this.root.querySelector('[part=empty]')?.remove();
        }
        return;
      }
      switch (result.status) {
        case 403: {
          // Closed, or this reader is banned: the article says which.
          const article = await this.api.article(true);
          if (article.ok && !article.value.commentsOpen) {
            this.info = article.value;
            this.render();
            const closed = this.root.getElementById('closed');
            if (closed) {
              closed.textContent = this.t('closedNow');
              focusOn(closed);
            }
            return this.say(this.t('closedNow'));
          }
          return tell(this.t('banned'));
        }
        case 404:
          return tell(this.t('gone'));
        case 409:
          return tell(this.t('duplicate'));
        case 422: {
          let first: HTMLElement | undefined;
          for (const path of result.fields) {
            const control = controls[path];
            const key = errorKey[path as keyof typeof errorKey];
            if (!control || !key) continue;
            control.setAttribute('aria-invalid', 'true');
            const err = form.querySelector(`#${control.id}-err`);
            if (err) err.textContent = this.t(key);
            first ??= control;
          }
          note.replaceChildren(h('p', {}, this.t('fixFields')));
          return first ? first.focus() : focusOn(note);
        }
        case 429:
          return tell(this.t('tooFast', { n: result.retryAfter || 30 }));
        default:
          return tell(this.t('failed'));
      }
    });
    return form;
  }

  /** Reporting a comment: the API's reasons, optional words (needed for "other"). */
  private reportForm(c: Comment, name: string, cancel: () => void): HTMLElement {
    const p = `rep${c.id}-`;
    const reasonErr = h('p', { class: 'error', id: `${p}reason-err` });
    const textErr = h('p', { class: 'error', id: `${p}text-err` });
    const text = h('textarea', {
      id: `${p}text`,
      part: 'input',
      maxlength: LIMITS.report,
      rows: 2,
      'aria-describedby': textErr.id,
    }) as HTMLTextAreaElement;
    const note = h('div', { class: 'note', part: 'status' });
    const submit = h(
      'button',
      { type: 'submit', class: 'primary', part: 'button submit' },
      this.t('sendReport'),
    );
    const fieldset = h(
      'fieldset',
      { 'aria-describedby': reasonErr.id },
      h('legend', {}, this.t('reason')),
      ...REASONS.map((reason) =>
        h(
          'label',
          {},
          h('input', { type: 'radio', name: `${p}reason`, value: reason }),
          ` ${this.t(`reason_${reason}`)}`,
        ),
      ),
      reasonErr,
    );
    const form = h(
      'form',
      { part: 'form report-form', novalidate: true, 'aria-label': this.t('reportHeading', { name }) },
      fieldset,
      h('div', {}, h('label', { for: text.id }, this.t('reportText')), text, textErr),
      h(
        'div',
        { class: 'actions' },
        submit,
        h('button', { type: 'button', part: 'button', onclick: cancel }, this.t('cancel')),
      ),
      note,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      reasonErr.textContent = '';
      textErr.textContent = '';
      text.removeAttribute('aria-invalid');
      const chosen = form.querySelector<HTMLInputElement>('input[type=radio]:checked')?.value as
        | Reason
        | undefined;
      if (!chosen) {
        reasonErr.textContent = this.t('errReason');
        return form.querySelector<HTMLInputElement>('input[type=radio]')?.focus();
      }
      submit.setAttribute('disabled', '');
      const result = await this.api.report(c.id, {
        reason: chosen,
        ...(text.value.trim() ? { text: text.value } : {}),
      });
      submit.removeAttribute('disabled');
      const done = (line: string) => {
        const message = h('p', { class: 'note', part: 'status' }, line);
        form.replaceWith(message);
        focusOn(message);
        this.say(line);
      };
      if (result.ok) return done(this.t('reported'));
      if (result.status === 409) return done(this.t('reportedAlready'));
      if (result.status === 404) return done(this.t('reportGone'));
      if (result.status === 403) return done(this.t('banned'));
      if (result.status === 422 && result.fields.includes('text')) {
        textErr.textContent = this.t('errReportText');
        text.setAttribute('aria-invalid', 'true');
        return text.focus();
      }
      note.textContent =
        result.status === 429 ? this.t('reportTooFast', { n: result.retryAfter || 60 }) : this.t('failed');
      focusOn(note);
    });
    return form;
  }
}

if (!customElements.get('newsroom-comments')) customElements.define('newsroom-comments', NewsroomComments);
