import { useEffect, useState } from 'preact/hooks';
import { Loading } from '../ui.tsx';
import type { Me } from './entryItem.tsx';

type Screen = (props: { id: string; me: Me }) => preact.JSX.Element;
let loading: Promise<Screen> | undefined;

/** The live desk, fetched when first opened: it stays out of the console's first load. */
export function LiveDeskRoute(props: { id: string; me: Me }) {
  const [Screen, setScreen] = useState<Screen>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    loading ??= import('./liveDesk.tsx').then((m) => m.LiveDesk);
    loading.then(
      (s) => setScreen(() => s),
      () => {
        loading = undefined;
        setFailed(true);
      },
    );
  }, []);
  if (failed) return <p class="error">The live desk could not be loaded: check the connection and reload.</p>;
  return Screen ? <Screen {...props} /> : <Loading what="the live desk" />;
}
