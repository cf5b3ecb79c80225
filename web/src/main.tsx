// The tokens and base styles first: each screen's own stylesheet, imported by the screen, comes
// after them in the bundle, so a screen's rule wins over a base rule of the same specificity.
import './tokens.css';
import './styles.css';
import './forms.css';
import './lists.css';
import { render } from 'preact';
import { configureApi } from './api.ts';
import { App } from './app.tsx';
import { currentSession, initAuth, refresh } from './auth.ts';
import { syncLocation } from './router.ts';

async function boot() {
  await initAuth();
  syncLocation();
  configureApi({ baseUrl: '', token: () => currentSession()?.token, refresh });
  const root = document.getElementById('app');
  if (root) {
    root.textContent = '';
    render(<App />, root);
  }
}

void boot();
