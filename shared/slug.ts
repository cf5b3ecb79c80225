import { ARTICLE_LIMITS } from './schemas/facts.ts';

/** Derives a URL slug from a headline: "Zürich's new tram — opens!" becomes "zurichs-new-tram-opens". */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, ARTICLE_LIMITS.slug - 6)
    .replace(/-+$/g, '');
  return slug === '' ? 'article' : slug;
}
