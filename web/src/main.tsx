import { render } from 'preact';
import { configureApi } from './api.ts';
import { App } from './app.tsx';
import { currentSession, initAuth, refresh } from './auth.ts';
import { syncLocation } from './router.ts';
import './styles.css';

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
