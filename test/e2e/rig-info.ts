/** The mail rig as the workers see it: started by global-setup.ts, passed as JSON. */
import { rigMaildir, waitForRigMessage, type RigInfo } from '../rig/rig';

export const RIG_ENV = 'MAIL_PREFLIGHT_E2E_RIG';
export const RIG_ERROR_ENV = 'MAIL_PREFLIGHT_E2E_RIG_ERROR';

export interface E2eRig extends RigInfo {
  maildir(user: string): string;
  waitForMessage(user: string, predicate: (raw: string) => boolean, timeoutMs?: number): Promise<string>;
}

/** The running rig, or null with the reason it is missing. */
export function e2eRig(): { rig: E2eRig | null; reason: string } {
  const json = process.env[RIG_ENV];
  if (!json) return { rig: null, reason: process.env[RIG_ERROR_ENV] ?? 'the mail rig was not started' };
  const info = JSON.parse(json) as RigInfo;
  return {
    rig: {
      ...info,
      maildir: (user) => rigMaildir(info, user),
      waitForMessage: (user, predicate, timeoutMs) => waitForRigMessage(info, user, predicate, timeoutMs),
    },
    reason: '',
  };
}
