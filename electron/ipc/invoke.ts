/**
 * Runs one IPC call against the handler table: validates the input with the contract's
 * schema, runs the handler, and turns every outcome into a Result. The Electron adapter
 * (register.ts), the browser test harness and the unit tests all call this one function,
 * so they see the same validation and the same error shapes.
 */
import type { z } from 'zod';
import { contract, CHANNELS, type Channel, type IpcError, type Result } from './contract';
import type { HandlerContext, Handlers } from './handlers';
import { AppError } from '../services/errors';
import { ConsentRequiredError } from '../services/consent';
import { describeIssues } from '../services/messages';
import { createTranslator, DEFAULT_LANGUAGE, type Translate } from '../services/i18n';

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as string[]).includes(name);
}

/** Field path → i18n key of its first issue, for inline validation in the form. */
function fieldErrors(issues: z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.filter((p) => p !== 'fields').join('.');
    if (key && !(key in fields))
      fields[key] = issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
  }
  return fields;
}

/**
 * A service's AppError keeps its code and sentence, put into the reader's words; anything
 * else is a bug, reported as INTERNAL with a generic sentence (its details go to the
 * developer log, never to the user).
 */
export function toIpcError(error: unknown, t: Translate = createTranslator('en')): IpcError {
  if (error instanceof AppError) {
    return {
      code: error.code,
      message: error.say(t),
      ...(error.fields ? { fields: error.fields } : {}),
      ...(error instanceof ConsentRequiredError ? { consents: error.consents } : {}),
    };
  }
  return { code: 'INTERNAL', message: t('errors.internal') };
}

export async function invokeChannel(
  handlers: Handlers,
  channel: unknown,
  input: unknown,
  context: HandlerContext,
): Promise<Result<unknown>> {
  const t = createTranslator(context.language?.() ?? DEFAULT_LANGUAGE);
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: t('errors.noSuchCommand') } };
  }
  const parsed = contract[channel].input.safeParse(input);
  if (!parsed.success) {
    const error: IpcError = {
      code: 'INVALID_INPUT',
      message: describeIssues(parsed.error.issues, t),
      fields: fieldErrors(parsed.error.issues),
    };
    return { ok: false, error };
  }
  try {
    const handler = handlers[channel] as (input: unknown, context: HandlerContext) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data, context) };
  } catch (error) {
    if (!(error instanceof AppError)) context.logError?.(channel, error);
    return { ok: false, error: toIpcError(error, t) };
  }
}
