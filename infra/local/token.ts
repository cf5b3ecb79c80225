import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../../shared/auth/principal.ts';
import { issueToken, localSecrets } from './devAuth.ts';

/**
 * `npm run -s token -- --role editor [--sub someone]` prints a bearer token for the local server,
 * and nothing else, so it composes: TOKEN=$(npm run -s token -- --role editor).
 */
const { values } = parseArgs({
  options: { role: { type: 'string', multiple: true }, sub: { type: 'string' }, ttl: { type: 'string' } },
});
const roles = values.role ?? [];
if (roles.length === 0 || !roles.every(isRole)) {
  process.stderr.write(
    `usage: npm run -s token -- --role <${ROLES.join('|')}> [--role ...] [--sub <user id>] [--ttl <seconds>]\n`,
  );
  process.exit(2);
}
const ttlSeconds = values.ttl === undefined ? undefined : Number(values.ttl);
if (ttlSeconds !== undefined && !(Number.isInteger(ttlSeconds) && ttlSeconds > 0)) {
  process.stderr.write('--ttl must be a positive whole number of seconds\n');
  process.exit(2);
}
const token = await issueToken({
  secret: localSecrets().tokenSecret,
  roles,
  sub: values.sub ?? `dev-${roles[0]}`,
  ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
});
process.stdout.write(`${token}\n`);
