import { FeedQuerySchema, PublicListQuerySchema, SearchQuerySchema, ThreadQuerySchema } from '../query.ts';
import { COMMENTS_CACHE, PUBLIC_CACHE, type RouteDefinition, SEARCH_CACHE } from './define.ts';

// biome-ignore format: one route per entry reads as a table
export const PUBLIC_READ_ROUTES = [
  {
    id: 'listPublicArticles', method: 'GET', path: '/v1/articles', fn: 'publicRead', access: 'public', tag: 'public',
    summary: 'Live articles, newest first',
    description: 'Summaries (no body) of live articles by first publication, newest first. Filter by section, tag or both. Send If-None-Match with the ETag to get a 304 when the page is unchanged.',
    query: PublicListQuerySchema, paged: 'PublicArticleSummary', conditional: true,
    ok: { status: 200, description: 'A page of live articles', cache: PUBLIC_CACHE, headers: ['ETag', 'Cache-Control'] },
  },
  {
    id: 'searchArticles', method: 'GET', path: '/v1/search', fn: 'publicRead', access: 'public', tag: 'public',
    summary: 'Search live articles',
    description: 'Live articles whose headline, standfirst, body, byline, tags, section or source hold every word of q: case and accents do not matter (Zürich finds zurich), English words match their other forms (councils finds council), and the last word also matches as the start of a word while it is being typed (no space after it; from three letters). Never a draft, a scheduled story or an unpublished edit. Newest first by first publication, or sort=relevance (the newest 100 matches ranked: a headline word counts most). section, from and to (a day or an ISO timestamp, inclusive) narrow it. Each hit is the list entry of GET /v1/articles with an excerpt marking the words found. A page may hold fewer than limit while nextCursor goes on: follow it.',
    query: SearchQuerySchema, paged: 'SearchHit', conditional: true,
    ok: { status: 200, description: 'A page of live articles found', cache: SEARCH_CACHE, headers: ['ETag', 'Cache-Control'] },
  },
  {
    id: 'getPublicArticle', method: 'GET', path: '/v1/articles/{slug}', fn: 'publicRead', access: 'public', tag: 'public',
    summary: 'The live snapshot of an article',
    description: 'What the public sees: never a draft or an unpublished edit. Send If-None-Match with the ETag to get a 304 when nothing changed.',
    conditional: true,
    problems: [301],
    ok: { status: 200, description: 'The live article', schema: 'PublicArticle', cache: PUBLIC_CACHE, headers: ['ETag', 'Cache-Control'] },
  },
  {
    id: 'listArticleComments', method: 'GET', path: '/v1/articles/{slug}/comments', fn: 'publicRead', access: 'public', tag: 'comments',
    summary: 'Approved top-level comments: oldest, newest or most replies first',
    description: 'The public thread of a live article, one level deep: its top-level comments, each with replyCount (its approved replies, listed at .../comments/{id}/replies) and featured. sort=oldest (the default), newest or replies (most first). A cursor belongs to its sort. Paging by replies while replies are approved never skips a comment that was there throughout: after the last comment by replies come, in a last page or more, the ones that rose in the order since the first page (a comment that rose after the reader passed it may so be listed twice). A top-level comment taken down (rejected, held back or erased) while approved replies answer it stays as a placeholder, removed true with no author and no body, with its replies and replyCount, until it has none. A page may then hold fewer than limit: follow nextCursor. Never an email address. 404 when the article is not live: a story that is unpublished takes its thread with it.',
    query: ThreadQuerySchema, paged: 'PublicComment', conditional: true,
    problems: [301],
    ok: { status: 200, description: 'A page of approved comments', cache: COMMENTS_CACHE, headers: ['ETag', 'Cache-Control'] },
  },
  {
    id: 'listFeaturedComments', method: 'GET', path: '/v1/articles/{slug}/comments/featured', fn: 'publicRead', access: 'public', tag: 'comments',
    summary: 'Featured comments, newest first',
    description: 'The comments moderators featured on a live article (top-level comments and replies), for showing first. The article\'s featuredCount says how many there are.',
    paged: 'PublicComment', conditional: true,
    problems: [301],
    ok: { status: 200, description: 'A page of featured comments', cache: COMMENTS_CACHE, headers: ['ETag', 'Cache-Control'] },
  },
  {
    id: 'listCommentReplies', method: 'GET', path: '/v1/articles/{slug}/comments/{id}/replies', fn: 'publicRead', access: 'public', tag: 'comments',
    summary: 'Replies to a comment, oldest first',
    description: 'The approved replies to a top-level comment of a live article (its replyCount says how many). An unknown comment has none.',
    paged: 'PublicComment', conditional: true,
    problems: [301],
    ok: { status: 200, description: 'A page of replies', cache: COMMENTS_CACHE, headers: ['ETag', 'Cache-Control'] },
  },
  {
    id: 'getRssFeed', method: 'GET', path: '/v1/feeds/rss', fn: 'publicRead', access: 'public', tag: 'syndication',
    summary: 'RSS 2.0 feed: the newest 50 live stories',
    description: 'The newest 50 live stories by first publication, of the whole site or of one section, tag or author (author: the slug of a name in the byline, e.g. a-reporter for "By A. Reporter"). Each item: title, link (the site settings\' baseUrl and articlePath), guid, summary, pubDate, dc:creator per author, the section and tags as categories, the lead image as media:content, and the body as HTML in content:encoded when the site settings\' fullBodyInFeeds is on. At most one of section, tag and author (400 otherwise). A filter no live story matches is an empty feed.',
    query: FeedQuerySchema, conditional: true,
    ok: { status: 200, description: 'The feed', contentType: 'application/rss+xml', cache: PUBLIC_CACHE, headers: ['ETag', 'Cache-Control'] },
  },
  {
    id: 'getAtomFeed', method: 'GET', path: '/v1/feeds/atom', fn: 'publicRead', access: 'public', tag: 'syndication',
    summary: 'Atom 1.0 feed: the newest 50 live stories',
    description: 'The same stories and filters as the RSS feed, as Atom: published and updated dates, authors, categories, the lead image as an enclosure link and media:content, and the body as content of type html when fullBodyInFeeds is on.',
    query: FeedQuerySchema, conditional: true,
    ok: { status: 200, description: 'The feed', contentType: 'application/atom+xml', cache: PUBLIC_CACHE, headers: ['ETag', 'Cache-Control'] },
  },
  {
    id: 'getSitemap', method: 'GET', path: '/v1/sitemaps/{sitemap}', fn: 'publicRead', access: 'public', tag: 'syndication',
    summary: 'Sitemaps: the index, Google News, one per month',
    description: 'index.xml: the sitemap index (the news sitemap and one sitemap per month that has live stories, with lastmod). news.xml: the Google News sitemap, the stories first published in the last 48 hours, newest first, at most 1,000, with the publication name and language of the site settings. 2026-12.xml: the live stories first published that month (UTC) with their lastmod; 404 for a month with none. URLs are on the site (baseUrl): it is expected to forward /sitemaps/* to this route.',
    conditional: true,
    ok: { status: 200, description: 'The sitemap', contentType: 'application/xml', cache: PUBLIC_CACHE, headers: ['ETag', 'Cache-Control'] },
  },
] as const satisfies readonly RouteDefinition[];
