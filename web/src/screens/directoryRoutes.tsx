import { onDemand } from '../ui/onDemand.tsx';

/**
 * The desk's directories (editors and admins): Authors, Sections and Tags, each screen loaded when
 * first opened, as chunks of their own outside the console's first load.
 */
const SCREENS = {
  authors: {
    List: onDemand(() => import('./authors.tsx').then((m) => m.AuthorList), 'the authors'),
    Record: onDemand(() => import('./authors.tsx').then((m) => m.AuthorForm), 'the author'),
  },
  sections: {
    List: onDemand(() => import('./sections.tsx').then((m) => m.SectionList), 'the sections'),
    Record: onDemand(() => import('./sectionForm.tsx').then((m) => m.SectionForm), 'the section'),
  },
  tags: {
    List: onDemand(() => import('./tags.tsx').then((m) => m.TagList), 'the tags'),
    Record: onDemand(() => import('./tags.tsx').then((m) => m.TagForm), 'the tag'),
  },
};

/** The screen for /authors, /sections or /tags (a list, `new`, or a record's slug); else undefined. */
export function directoryScreen(path: string) {
  const m = path.match(/^\/(authors|sections|tags)(?:\/([a-z0-9-]{1,80}))?$/);
  const screens = m?.[1] ? SCREENS[m[1] as keyof typeof SCREENS] : undefined;
  if (!m || !screens) return undefined;
  const slug = m[2];
  if (!slug) return <screens.List key={path} />;
  return <screens.Record key={path} slug={slug === 'new' ? undefined : slug} />;
}
