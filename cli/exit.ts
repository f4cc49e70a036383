/** Exit status: 0 the check passed; 1 it ran and failed (diagnosed); 2 bad usage or input. */
export const EXIT = { passed: 0, failed: 1, usage: 2 } as const;
