import { ensureConsoleBuilt } from '../../infra/local/console.ts';

/** The browser tests drive the built console: build it once per run when missing or stale. */
export default async function setup() {
  await ensureConsoleBuilt((line) => console.log(line));
}
