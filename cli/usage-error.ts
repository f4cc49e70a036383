/** Bad usage or input: one clear line on stderr, nothing sent, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT = { passed: 0, failed: 1, usage: 2 } as const;
