import { useEffect, useState } from 'preact/hooks';
import { api, type QueueCounts } from '../api.ts';
import { Link } from '../ui.tsx';
import { type Queue, TABS } from './queueActions.ts';

type Counted = keyof QueueCounts;
const isCounted = (queue: Queue): queue is Counted => ['pending', 'reported', 'spam'].includes(queue);

/** "12", or "500+" past what the API counts. */
const shown = (c: QueueCounts[Counted]) => `${c.count}${c.complete ? '' : '+'}`;

/**
 * The queue tabs, with how many comments wait in pending, reported and spam (of the filtered
 * article, as the queues below them). Read again a moment after the last decision (`changes`),
 * not after each one: a burst of keyboard decisions costs one read of the counts.
 */
export function QueueTabs({
  queue,
  articleId,
  changes,
  href,
}: {
  queue: Queue;
  articleId: string | undefined;
  changes: number;
  href: (queue: Queue) => string;
}) {
  const [counts, setCounts] = useState<QueueCounts>();
  useEffect(() => {
    let stale = false;
    const timer = setTimeout(
      async () => {
        const result = await api.queueCounts(articleId);
        if (!stale && result.ok) setCounts(result.data);
      },
      changes ? 800 : 0,
    );
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [articleId, changes]);
  return (
    <nav aria-label="Comment status" class="tabs">
      <ul>
        {TABS.map((t) => {
          const count = counts && isCounted(t.status) ? counts[t.status] : undefined;
          return (
            <li key={t.status}>
              <Link href={href(t.status)} aria-current={t.status === queue ? 'page' : undefined}>
                {t.label}
                {count && (
                  <>
                    <span class="count" aria-hidden="true">
                      {shown(count)}
                    </span>
                    <span class="visually-hidden">
                      {`, ${shown(count)} comment${count.count === 1 && count.complete ? '' : 's'}`}
                    </span>
                  </>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
