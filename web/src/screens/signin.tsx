import { useState } from 'preact/hooks';
import { authConfig, ROLES, type Role, signInLocally, startCognitoSignIn } from '../auth.ts';
import { useScreen } from '../ui.tsx';

const ROLE_LABELS: Record<Role, string> = {
  author: 'Author',
  editor: 'Editor',
  moderator: 'Moderator',
  admin: 'Admin',
};

export function SignIn() {
  const heading = useScreen('Sign in');
  const [role, setRole] = useState<Role>('author');
  const [sub, setSub] = useState('dev-author');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const local = authConfig().kind === 'local';

  return (
    <main id="main" class="signin">
      <h1 ref={heading} tabIndex={-1}>
        Newsroom console
      </h1>
      {local ? (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            setBusy(true);
            setError(await signInLocally(role, sub));
            setBusy(false);
          }}
        >
          <h2>Sign in (local development)</h2>
          <p class="hint">
            This server runs locally: pick a role and a user id. The token is signed by the local gateway and
            works only here.
          </p>
          <div class="field">
            <label for="signin-role">Role</label>
            <select
              id="signin-role"
              value={role}
              onChange={(e) => {
                const next = (e.currentTarget as HTMLSelectElement).value as Role;
                setRole(next);
                if (!touched) setSub(`dev-${next}`);
              }}
            >
              {ROLES.map((r) => (
                <option value={r} key={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="signin-sub">User id</label>
            <input
              id="signin-sub"
              value={sub}
              autoComplete="username"
              required
              aria-describedby={error ? 'signin-error' : undefined}
              onInput={(e) => {
                setTouched(true);
                setSub((e.currentTarget as HTMLInputElement).value);
              }}
            />
          </div>
          {error && (
            <p class="error" id="signin-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="primary" disabled={busy}>
            Sign in
          </button>
        </form>
      ) : (
        <div>
          <h2>Sign in</h2>
          <p>Sign in with your newsroom account to write, edit and moderate.</p>
          <button type="button" class="primary" onClick={() => void startCognitoSignIn()}>
            Sign in with your newsroom account
          </button>
        </div>
      )}
    </main>
  );
}
