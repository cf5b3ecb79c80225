import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading } from '../ui.tsx';

/**
 * The desk's directories (editors and admins): Authors, Sections and Tags, each screen loaded when
 * first opened, as chunks of their own outside the console's first load.
 */
type Screen = ComponentType<{ slug?: string }>;
type Loader = () => Promise<Screen>;
const SCREENS: Record<string, { list: Loader; record: Loader }> = {
  authors: {
    list: () => import('./authors.tsx').then((m) => m.AuthorList),
    record: () => import('./authors.tsx').then((m) => m.AuthorForm),
  },
  sections: {
    list: () => import('./sections.tsx').then((m) => m.SectionList),
    record: () => import('./sectionForm.tsx').then((m) => m.SectionForm),
  },
  tags: {
    list: () => import('./tags.tsx').then((m) => m.TagList),
    record: () => import('./tags.tsx').then((m) => m.TagForm),
  },
};

function OnDemand({ load, slug }: { load: Loader; slug?: string | undefined }) {
  const [Loaded, setLoaded] = useState<Screen>();
  useEffect(() => {
    void load().then((c) => setLoaded(() => c));
  }, [load]);
  if (!Loaded) return <Loading what="the screen" />;
  return slug ? <Loaded slug={slug} /> : <Loaded />;
}

/** The screen for /authors, /sections or /tags (a list, `new`, or a record's slug); else undefined. */
export function directoryScreen(path: string) {
  const m = path.match(/^\/(authors|sections|tags)(?:\/([a-z0-9-]{1,80}))?$/);
  const screens = m?.[1] ? SCREENS[m[1]] : undefined;
  if (!m || !screens) return undefined;
  const slug = m[2];
  if (!slug) return <OnDemand key={path} load={screens.list} />;
  return <OnDemand key={path} load={screens.record} slug={slug === 'new' ? undefined : slug} />;
}
