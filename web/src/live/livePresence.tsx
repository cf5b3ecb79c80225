import { useEffect, useState } from 'preact/hooks';
import { liveApi } from './liveApi.ts';

/**
 * How often the live desk says it is there. More often than the article editor's 30 s: on a live
 * story a second reporter should show up within seconds. A heartbeat counts 75 s on the server.
 */
export const LIVE_HEARTBEAT_SECONDS = 10;

/** Who else has the live desk open (user ids); leaving the desk says so at once. */
export function useLivePresence(articleId: string, on: boolean): string[] {
  const [others, setOthers] = useState<string[]>([]);
  useEffect(() => {
    if (!on) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight: Promise<unknown> = Promise.resolve();
    const beat = async () => {
      const request = liveApi.here(articleId);
      inFlight = request;
      const result = await request;
      if (stopped) return;
      if (result.ok) setOthers(result.data.items.map((p) => p.user));
      timer = setTimeout(() => void beat(), LIVE_HEARTBEAT_SECONDS * 1000);
    };
    void beat();
    return () => {
      stopped = true;
      clearTimeout(timer);
      // After a heartbeat in flight, or that heartbeat would put this person back for a minute.
      void inFlight.then(() => liveApi.gone(articleId));
    };
  }, [articleId, on]);
  return others;
}

export function LivePresence({ others }: { others: readonly string[] }) {
  return (
    <p class="live-presence" role="status">
      {others.length > 0 ? `Also on this desk: ${others.join(', ')}` : ''}
    </p>
  );
}
