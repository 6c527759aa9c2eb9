import { configureLog } from '../src/platform/log';
import { createTemplate, startTestCluster } from './support/pg';

/** Vitest global setup: one PostgreSQL for the run, a migrated template, its URL handed to the workers. */
export default async function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  configureLog({ level: 'warn', format: 'json' });
  const cluster = await startTestCluster();
  await createTemplate(cluster.adminUrl);
  provide('pgAdminUrl', cluster.adminUrl);
  return async () => {
    await cluster.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
