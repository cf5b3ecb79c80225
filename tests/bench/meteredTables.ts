import { createDocumentClient } from '../../shared/store/client.ts';
import { COMMENTS_TABLE, CONTENT_TABLE, TABLES } from '../../shared/store/tables.ts';
import { meter } from './operations.ts';

/**
 * What the benches that count requests and capacity units stand on, over the bench's tables
 * (`names`: a table's id to its prefixed name): `db`, a document client whose every request is
 * metered (`metered`); `raw`, one that is not, for seeding and for reading a transaction's items to
 * bill it; the content and comments tables' names. `close` ends both clients.
 */
export function meteredTables(endpoint: string, names: Record<string, string>) {
  const nameOf = (table: { id: string }) => names[table.id] ?? '';
  const db = createDocumentClient(endpoint);
  const raw = createDocumentClient(endpoint);
  const metered = meter(db, Object.fromEntries(TABLES.map((t) => [nameOf(t), t.id])), {
    tables: Object.fromEntries(TABLES.map((t) => [nameOf(t), t])),
    raw,
  });
  return {
    db,
    raw,
    metered,
    content: nameOf(CONTENT_TABLE),
    comments: nameOf(COMMENTS_TABLE),
    close: () => {
      db.destroy();
      raw.destroy();
    },
  };
}

export type MeteredTables = ReturnType<typeof meteredTables>;

/** A bench run on metered tables, their clients ended however it ends. */
export async function withMeteredTables<T>(
  endpoint: string,
  names: Record<string, string>,
  bench: (tables: MeteredTables) => Promise<T>,
): Promise<T> {
  const tables = meteredTables(endpoint, names);
  try {
    return await bench(tables);
  } finally {
    tables.close();
  }
}
