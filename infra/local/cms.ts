import type { AddressInfo } from 'node:net';
import { loadSeeds } from '../../seeds/load.ts';
import { ENV } from '../../shared/env.ts';
import { FUNCTIONS, type FunctionName } from '../../shared/http/routes.ts';
import { ArticleStore } from '../../shared/store/articleStore.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { CommentStore } from '../../shared/store/commentStore.ts';
import { COMMENTS_TABLE, CONTENT_TABLE } from '../../shared/store/tables.ts';
import { ensureTables } from './dynamo.ts';
import { createGateway, type LambdaHandler } from './gateway.ts';

export interface CmsOptions {
  /** DynamoDB Local's URL. */
  endpoint: string;
  tablePrefix: string;
  port: number;
  host?: string;
  tokenSecret: string;
  cursorSecret: string;
  seed: boolean;
  log?: (line: string) => void;
}

export interface RunningCms {
  url: string;
  seeded: number;
  stop(): Promise<void>;
}

/**
 * The whole CMS on this machine: tables from the shared definitions, the Lambda handlers loaded
 * unchanged with the environment infra would give them, the sample content, and the gateway.
 */
export async function startCms(options: CmsOptions): Promise<RunningCms> {
  const tables = await ensureTables(options.endpoint, options.tablePrefix);
  const contentTable = tables[CONTENT_TABLE.id] ?? '';
  const commentsTable = tables[COMMENTS_TABLE.id] ?? '';
  Object.assign(process.env, {
    [ENV.dynamodbEndpoint]: options.endpoint,
    [ENV.contentTable]: contentTable,
    [ENV.commentsTable]: commentsTable,
    [ENV.cursorSecret]: options.cursorSecret,
    AWS_REGION: process.env.AWS_REGION ?? 'local',
  });

  let seeded = 0;
  if (options.seed) {
    const db = createDocumentClient(options.endpoint);
    seeded = await loadSeeds(
      new ArticleStore(db, contentTable),
      new CommentStore(db, commentsTable, contentTable),
    );
    db.destroy();
  }

  // Imported only now: each function reads its environment at module scope, as in Lambda.
  const handlers = {} as Record<FunctionName, LambdaHandler>;
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
    const module = (await import(`../../functions/${name}.ts`)) as { handler: LambdaHandler };
    handlers[name] = module.handler;
  }

  const server = createGateway({
    handlers,
    tokenSecret: options.tokenSecret,
    ...(options.log ? { log: options.log } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    seeded,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
