import { userInfo } from 'node:os';

/** The Windows identity ExReady runs as (DOMAIN\user), for the audit log; the local user elsewhere. */
export function currentOperator(env: NodeJS.ProcessEnv = process.env): string {
  const user = env.USERNAME ?? userInfo().username;
  return env.USERDOMAIN !== undefined && env.USERDOMAIN !== '' ? `${env.USERDOMAIN}\\${user}` : user;
}
