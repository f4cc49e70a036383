/**
 * The handler table: one function per contract channel, built from the services passed in.
 * Nothing here knows about Electron, so the CLI, the tests and the browser harness build
 * the very same table in plain Node.
 */
import type { Channel, ChannelResult, EventName, EventPayload, ParsedInput } from './contract';
import type { Services } from '../services/services';
import type { FilePurpose } from '../services/chosen-files';
import type { Language } from '../services/i18n';
import { AppError } from '../services/errors';
import { sentence } from '../services/i18n/sentence';
import { basename } from 'node:path';
import { exportFormat, writePrivateFile } from '../services/export';

export interface HandlerContext {
  /** Sends a main → renderer event to the window that made the call. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Where unexpected errors go (the developer log); never shown to the user. */
  logError?(channel: Channel, error: unknown): void;
  /**
   * Opens the OS file dialog for the calling window: Electron's dialog in the app, a stand-in
   * in the browser harness. Null when the user cancelled.
   */
  chooseFiles?(purpose: FilePurpose): Promise<string[] | null>;
  /** The reader's language, for the sentences made at the edge (errors, refused input); English when absent. */
  language?(): Language;
  /**
   * Opens the OS save dialog for the calling window with a suggested file name: Electron's
   * dialog in the app, a stand-in in the browser harness. Null when the user cancelled.
   */
  chooseSavePath?(suggestedName: string): Promise<string | null>;
}

/** The save dialog's path, or an error where there is no dialog. */
async function savePath(context: HandlerContext, suggestedName: string): Promise<string | null> {
  if (!context.chooseSavePath) throw new AppError('INVALID_INPUT', sentence('errors.savingUnavailable'));
  return context.chooseSavePath(suggestedName);
}

export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>, context: HandlerContext) => Promise<ChannelResult<C>>;
};

export function createHandlers(services: Services): Handlers {
  const { profiles, runs, log, certificates, files, exports, transfer } = services;
  return {
    'app:info': () => services.appInfo(),
    'app:setLanguage': ({ language }) => services.setLanguage(language),
    'profiles:list': () => profiles.listWithLastRun(),
    'profiles:create': ({ fields, password }) => profiles.create(fields, password),
    'profiles:update': ({ id, fields }) => profiles.update(id, fields),
    'profiles:setPassword': ({ id, password }) => profiles.setPassword(id, password),
    'profiles:setImapPassword': ({ id, password }) => profiles.setImapPassword(id, password),
    'profiles:delete': async ({ id }) => {
      await profiles.delete(id);
      return null;
    },
    'oauth:signIn': ({ id }) => services.oauth.signIn(id),
    'oauth:signOut': ({ id }) => services.oauth.signOut(id),
    'oauth:setClientSecret': ({ id, secret }) => services.oauth.setClientSecret(id, secret),
    'profiles:exportFile': async ({ ids }, context) => {
      const path = await savePath(context, 'mail-preflight-profiles.json');
      if (!path) return null;
      await writePrivateFile(path, await transfer.exportFile(ids));
      return { fileName: basename(path) };
    },
    'profiles:importFile': async ({ token, onConflict }) => {
      const [file, ...more] = await files.read(token);
      if (!file || more.length) throw new AppError('INVALID_INPUT', sentence('errors.oneProfilesFile'));
      const outcome = await transfer.importFile(file.bytes.toString('utf8'), file.name, onConflict);
      if (outcome.ok) files.forget(token);
      return outcome;
    },
    'exports:formats': async ({ lang }) => exports.formats(lang),
    'exports:preview': ({ profileId, format, lang }) => exports.preview(profileId, format, lang),
    'exports:save': async ({ profileId, format, lang, includeSecrets }, context) => {
      const path = await savePath(context, exportFormat(format).fileName);
      if (!path) return null;
      const saved = await exports.save(profileId, { format, lang, includeSecrets }, path);
      return { fileName: basename(path), ...saved };
    },
    // The diagnosis speaks the app's language (the one the window shows).
    'runs:send': (input, context) =>
      runs.sendForProfile({ ...input, language: services.language() }, (progress) =>
        context.emit('run:progress', progress),
      ),
    // Their summaries and reasons speak the app's language, as the diagnosis does.
    'servers:probe': ({ host, port }) => runs.probe(host.trim(), port, { language: services.language() }),
    'servers:autodetect': ({ input }) => runs.autodetect(input.trim(), { language: services.language() }),
    'dns:check': ({ from, relayHost, dkimSelector }) =>
      runs.checkDns({ from, relayHost: relayHost.trim(), dkimSelector, language: services.language() }),
    'files:choose': async ({ purpose }, context) => {
      if (!context.chooseFiles) throw new AppError('INVALID_INPUT', sentence('errors.filesUnavailable'));
      const paths = await context.chooseFiles(purpose);
      return paths?.length ? files.remember(paths) : null;
    },
    'keystores:list': () => certificates.listKeystores(),
    'keystores:inspect': ({ token, passphrase, alias }) =>
      certificates.inspectKeystore(token, passphrase, alias),
    'keystores:import': ({ token, passphrase, alias }) =>
      certificates.importKeystore(token, passphrase, alias),
    'keystores:delete': async ({ id }) => {
      await certificates.deleteKeystore(id);
      return null;
    },
    'trusted:list': () => certificates.listTrusted(),
    'trusted:import': ({ token }) => certificates.importTrusted(token),
    'trusted:fetch': (request) => certificates.fetchChain({ ...request, host: request.host.trim() }),
    'trusted:pin': ({ token }) => certificates.pin(token),
    'trusted:delete': async ({ id }) => {
      await certificates.deleteTrusted(id);
      return null;
    },
    'log:list': async (query) => log.list(query),
    'log:get': async ({ id }) => log.get(id),
  };
}
