/** Configuration from the environment, read in one place. */
export interface Config {
  port: number;
  dbFile: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got «${env.PORT}»`);
  return { port, dbFile: env.EHDS_DB || './data/ehds.db' };
}
