import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { authConfig, currentSession, hasRole, onSessionChange, type Session, signOut } from './auth.ts';
import { FrontsScreen } from './fronts/lazy.tsx';
import { LiveDeskRoute } from './live/liveDeskRoute.tsx';
import { useLocation } from './router.ts';
import { ArticleList } from './screens/articles.tsx';
import { BanList } from './screens/bans.tsx';
import { CommentQueue } from './screens/comments.tsx';
import { directoryScreen } from './screens/directoryRoutes.tsx';
import { ArticleEditor } from './screens/editor.tsx';
import { MediaDetail, MediaLibrary } from './screens/media.tsx';
import { MyWork } from './screens/myWork.tsx';
import { PreviewSettingsForm } from './screens/previewSettings.tsx';
import { CommentSettingsForm } from './screens/settings.tsx';
import { SignIn } from './screens/signin.tsx';
import { SiteSettingsForm } from './screens/siteSettings.tsx';
import { onDemand } from './ui/onDemand.tsx';
import { Link } from './ui.tsx';

/** A revision history is opened now and then: its diffs load with it. */
const ArticleHistory = onDemand(
  () => import('./screens/history.tsx').then((m) => m.ArticleHistory),
  'the history',
);

function useSession(): Session | undefined {
  const [session, setSession] = useState(currentSession());
  useEffect(() => onSessionChange(() => setSession(currentSession())), []);
  return session;
}

export function App() {
  const session = useSession();
  const location = useLocation();
  if (!session) return <SignIn />;
  const path = location.pathname;
  const editorial = hasRole(session, 'author', 'editor');
  const moderator = hasRole(session, 'moderator');
  const admin = hasRole(session, 'admin');
  const editor = hasRole(session, 'editor');

  const screen = route(path, location, session, { editorial, moderator, admin, editor });
  const view = location.searchParams.get('view');
  const here = (href: string) => {
    if (href === '/?view=mine') return path === '/' && view === 'mine' ? 'page' : undefined;
    if (href === '/?view=review') return path === '/' && view === 'review' ? 'page' : undefined;
    if (href === '/') return (path === '/' || path === '/articles') && !view ? 'page' : undefined;
    return path === href ? 'page' : undefined;
  };
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <div class="brand">Newsroom console</div>
        <nav aria-label="Main">
          <ul>
            {editorial && (
              <>
                <li>
                  <Link href="/" aria-current={here('/')}>
                    Articles
                  </Link>
                </li>
                <li>
                  <Link href="/my-work" aria-current={path === '/my-work' ? 'page' : undefined}>
                    My work
                  </Link>
                </li>
                <li>
                  <Link href="/?view=mine" aria-current={here('/?view=mine')}>
                    My drafts
                  </Link>
                </li>
                <li>
                  <Link href="/?view=review" aria-current={here('/?view=review')}>
                    Waiting for review
                  </Link>
                </li>
                <li>
                  <Link href="/library" aria-current={path.startsWith('/library') ? 'page' : undefined}>
                    Media
                  </Link>
                </li>
              </>
            )}
            {editor && (
              <li>
                <Link href="/authors" aria-current={path.startsWith('/authors') ? 'page' : undefined}>
                  Authors
                </Link>
              </li>
            )}
            {editor && (
              <>
                <li>
                  <Link href="/fronts" aria-current={path.startsWith('/fronts') ? 'page' : undefined}>
                    Fronts
                  </Link>
                </li>
                <li>
                  <Link href="/sections" aria-current={path.startsWith('/sections') ? 'page' : undefined}>
                    Sections
                  </Link>
                </li>
                <li>
                  <Link href="/tags" aria-current={path.startsWith('/tags') ? 'page' : undefined}>
                    Tags
                  </Link>
                </li>
              </>
            )}
            {moderator && (
              <>
                <li>
                  <Link href="/comments" aria-current={here('/comments')}>
                    Comments
                  </Link>
                </li>
                <li>
                  <Link href="/comments/bans" aria-current={here('/comments/bans')}>
                    Bans
                  </Link>
                </li>
              </>
            )}
            {admin && (
              <li>
                <Link href="/settings/comments" aria-current={here('/settings/comments')}>
                  Settings
                </Link>
              </li>
            )}
            {admin && (
              <li>
                {/* Not "... settings": the comment settings' link is found by that name. */}
                <Link href="/settings/preview" aria-current={here('/settings/preview')}>
                  Previews
                </Link>
              </li>
            )}
            {admin && (
              <li>
                <Link href="/settings/site" aria-current={here('/settings/site')}>
                  Site
                </Link>
              </li>
            )}
          </ul>
        </nav>
        <div class="who">
          <span>
            {session.name ?? session.sub} <span class="role">({session.roles.join(', ') || 'no role'})</span>
          </span>
          <button type="button" class="link-button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {screen}
      </main>
      {authConfig().kind === 'local' && (
        <footer class="foot">
          Local development sign-in · <a href="/docs">API reference</a>
        </footer>
      )}
    </>
  );
}

function route(
  path: string,
  location: URL,
  session: Session,
  can: { editorial: boolean; moderator: boolean; admin: boolean; editor: boolean },
): ComponentChildren {
  // Fronts: editors and admins only, as the API allows (authors get 403 on every front route).
  const front = path.match(/^\/fronts(?:\/([a-z0-9-]{1,40}))?$/);
  if (can.editor && front) return <FrontsScreen key={front[1] ?? ''} name={front[1]} />;
  // Authors, Sections, Tags: loaded on demand.
  const directory = can.editor ? directoryScreen(path) : undefined;
  if (directory) return directory;
  const history = path.match(/^\/articles\/([0-9A-Z]{26})\/history$/);
  const article = path.match(/^\/articles\/([0-9A-Z]{26})$/);
  const image = path.match(/^\/library\/([0-9A-Z]{26})$/);
  const live = path.match(/^\/articles\/([0-9A-Z]{26})\/live$/)?.[1];
  if (can.editorial && live)
    return <LiveDeskRoute key={live} id={live} me={{ sub: session.sub, editor: can.editor }} />;
  if (can.editorial && path === '/articles/new') return <ArticleEditor key="new" />;
  if (can.editorial && history?.[1]) return <ArticleHistory key={history[1]} id={history[1]} />;
  if (can.editorial && article?.[1]) return <ArticleEditor key={article[1]} id={article[1]} />;
  if (can.editorial && path === '/my-work')
    return <MyWork session={session} tab={location.searchParams.get('tab')} />;
  if (can.editorial && path === '/library') return <MediaLibrary />;
  if (can.editorial && image?.[1]) return <MediaDetail key={image[1]} id={image[1]} />;
  if (can.moderator && path === '/comments') return <CommentQueue key={location.search} />;
  if (can.moderator && path === '/comments/bans') return <BanList />;
  if (can.admin && path === '/settings/comments') return <CommentSettingsForm />;
  if (can.admin && path === '/settings/preview') return <PreviewSettingsForm />;
  if (can.admin && path === '/settings/site') return <SiteSettingsForm />;
  if (can.editorial && (path === '/' || path === '/articles'))
    return <ArticleList key={location.search} session={session} query={location.searchParams} />;
  if (can.moderator && path === '/') return <CommentQueue key={location.search} />;
  return (
    <section aria-labelledby="nf">
      <h1 id="nf">Nothing here</h1>
      <p>This page does not exist, or your role cannot open it.</p>
      <p>
        <Link href="/">Go to the start page</Link>
      </p>
    </section>
  );
}
