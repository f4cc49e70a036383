/** A test run's request with everyday values (plain SMTP, no login), for the unit and fault tests. */
import { randomUUID } from 'node:crypto';
import type { RunRequest } from '../../electron/services/smtp/run-test';

export function runRequest(overrides: Partial<RunRequest>): RunRequest {
  return {
    runId: randomUUID(),
    profileName: 'Unit relay',
    host: '127.0.0.1',
    port: 25,
    security: 'none',
    auth: null,
    from: 'alerts@example.com',
    replyTo: '',
    to: 'ops@example.com',
    dryRun: false,
    timeoutMs: 5_000,
    clientName: 'workstation.example.com',
    ...overrides,
  };
}
