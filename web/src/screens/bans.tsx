import { useRef, useState } from 'preact/hooks';
import { api, type Ban } from '../api.ts';
import {
  formatDate,
  Link,
  Loading,
  LoadMore,
  Notice,
  ProblemBanner,
  problemMessage,
  usePages,
  useScreen,
} from '../ui.tsx';
import './comments.css';

function banState(ban: Ban): string {
  if (ban.revokedAt)
    return `Revoked ${formatDate(ban.revokedAt)}${ban.revokedBy ? ` by ${ban.revokedBy}` : ''}`;
  if (!ban.active) return `Ended ${formatDate(ban.until)}`;
  return ban.until ? `Active until ${formatDate(ban.until)}` : 'Active until revoked';
}

/** Bans, newest first (active, ended and revoked), with revoke for the active ones. */
export function BanList() {
  const heading = useScreen('Bans');
  const { items, setItems, cursor, problem, load } = usePages((cursor) => api.listBans({ cursor }));
  const [notice, setNotice] = useState('');
  const rows = useRef(new Map<string, HTMLLIElement>());

  const revoke = async (ban: Ban) => {
    const result = await api.revokeBan(ban.id);
    if (!result.ok) {
      setNotice(`The ban on ${ban.authorName}: ${problemMessage(result.problem)}`);
      return;
    }
    setItems((list) => list?.map((b) => (b.id === ban.id ? result.data : b)));
    setNotice(`Ban on ${ban.authorName} revoked: they can comment again.`);
    // The button is gone: keep the place in the list.
    rows.current.get(ban.id)?.focus();
  };

  return (
    <section aria-labelledby="b-title" class="queue">
      <div class="screen-head">
        <h1 id="b-title" ref={heading} tabIndex={-1}>
          Bans
        </h1>
        <Link href="/comments">Back to the comments</Link>
      </div>
      <Notice message={notice} />
      <ProblemBanner problem={problem} />
      {!items && !problem && <Loading what="bans" />}
      {items && items.length === 0 && (
        <p class="empty">No bans. Ban a commenter from a comment in the moderation queue.</p>
      )}
      {items && items.length > 0 && (
        <ul class="comments bans">
          {items.map((ban) => (
            <li
              key={ban.id}
              tabIndex={-1}
              aria-labelledby={`ban-${ban.id}`}
              ref={(el) => {
                if (el) rows.current.set(ban.id, el);
                else rows.current.delete(ban.id);
              }}
            >
              <div class="comment-head">
                <strong id={`ban-${ban.id}`}>{ban.authorName}</strong>
                <span class={`badge ${ban.active ? 'badge-banned' : 'badge-archived'}`}>
                  {ban.active ? 'Active' : ban.revokedAt ? 'Revoked' : 'Ended'}
                </span>
              </div>
              <p class="comment-body">{ban.reason}</p>
              <p class="hint">
                Banned <time dateTime={ban.createdAt}>{formatDate(ban.createdAt)}</time> by {ban.createdBy}
                {ban.byEmail ? ' · by email and browser' : ' · by browser'} · {banState(ban)}
              </p>
              {ban.active && (
                <div class="actions">
                  <button type="button" onClick={() => void revoke(ban)}>
                    Revoke ban on {ban.authorName}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <LoadMore cursor={cursor} load={load} />
    </section>
  );
}
