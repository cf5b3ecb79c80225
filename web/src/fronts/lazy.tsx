import { useEffect, useState } from 'preact/hooks';
import { Loading } from '../ui.tsx';

type Screens = typeof import('./frontsScreens.ts');
let loading: Promise<Screens> | undefined;

/**
 * The fronts list (no name) or one front's editor, loaded on demand: editors open them now and
 * then, and the first load of the console stays within its budget (tests/web/weight.test.ts).
 */
export function FrontsScreen({ name }: { name?: string | undefined }) {
  const [screens, setScreens] = useState<Screens>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    loading ??= import('./frontsScreens.ts');
    loading.then(setScreens, () => {
      loading = undefined;
      setFailed(true);
    });
  }, []);
  if (failed) return <p role="alert">The fronts screen could not be loaded. Reload the page to try again.</p>;
  if (!screens) return <Loading what="the fronts" />;
  return name ? <screens.FrontEditor key={name} name={name} /> : <screens.FrontList />;
}
