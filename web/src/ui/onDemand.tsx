import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading } from '../ui.tsx';

/**
 * A component fetched the first time it is shown, as a chunk of its own: screens and panels people
 * open now and then stay out of the console's first load (tests/web/weight.test.ts). It says it is
 * loading meanwhile, and a failed fetch is said (and tried again on the next mount) rather than
 * left blank.
 */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>, what: string) {
  let loading: Promise<ComponentType<P>> | undefined;
  return function OnDemand(props: P) {
    const [Loaded, setLoaded] = useState<ComponentType<P>>();
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      loading ??= load();
      loading.then(
        (component) => setLoaded(() => component),
        () => {
          loading = undefined;
          setFailed(true);
        },
      );
    }, []);
    if (failed)
      return <p role="alert">{`Could not load ${what}: check the connection and reload the page.`}</p>;
    return Loaded ? <Loaded {...props} /> : <Loading what={what} />;
  };
}
