import type { Session } from '../modules/identity';

export type AppEnv = {
  Variables: {
    session: Session | null;
    ip: string | null;
  };
};
