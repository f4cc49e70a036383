/**
 * What the user is asked before a run that needs consent (DESIGN.md "Where a saved secret
 * may go"): "Send the saved password to smtp.other.example?" for a saved password and
 * settings it was not saved with — with a field to type the password for this test
 * instead — and a warning to accept before a plain-text login to a host off this machine.
 */
import { Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Consent, ConsentRequest, SavedDestination } from '../../../electron/ipc/contract';
import { useFormat } from '../../shared/format';

/** Passwords typed in the prompt, for this run only. */
export interface TypedPasswords {
  password: string;
  imapPassword: string;
}

const typedFor = (request: ConsentRequest, typed: TypedPasswords) =>
  request.kind === 'saved-secret'
    ? request.secret === 'smtp-password'
      ? typed.password
      : typed.imapPassword
    : '';

/** The consents to send with the run again: a typed password stands in for its consent. */
export function answer(requests: ConsentRequest[], typed: TypedPasswords): Consent[] {
  return requests
    .filter((request) => !typedFor(request, typed))
    .map(({ savedFor: _shown, ...consent }) => consent);
}

/** What differs from where the password was saved: ["server port 587 → 465", "protocol …"]. */
function changes(now: SavedDestination, saved: SavedDestination, t: TFunction): string[] {
  return [
    now.host.toLowerCase() !== saved.host.toLowerCase() &&
      t('consent.change.host', { from: saved.host, to: now.host }),
    now.port !== saved.port && t('consent.change.port', { from: saved.port, to: now.port }),
    now.security !== saved.security &&
      t('consent.change.security', {
        from: t(`security.${saved.security}`),
        to: t(`security.${now.security}`),
      }),
    now.username !== saved.username &&
      t('consent.change.username', { from: saved.username, to: now.username }),
  ].filter((change) => change !== false);
}

/** Whether the prompt asks only about plain text (the button then says so). */
export const onlyPlaintext = (requests: ConsentRequest[]) =>
  requests.every((request) => request.kind === 'plaintext-auth');

export function ConsentPrompt({
  requests,
  typed,
  onType,
}: {
  requests: ConsentRequest[];
  typed: TypedPasswords;
  onType(typed: TypedPasswords): void;
}) {
  const { t } = useTranslation();
  const { list } = useFormat();
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="consent-prompt">
      <MessageBarBody>
        <MessageBarTitle>{t('consent.title')}</MessageBarTitle>
        {requests.map((request) => {
          if (request.kind === 'plaintext-auth') {
            return (
              <Text block key={`plain-${request.service}`}>
                {t(`consent.plaintext.${request.service}`, { host: request.host })}
              </Text>
            );
          }
          const imap = request.secret === 'imap-password';
          const which = imap ? 'imap' : 'smtp';
          return (
            <div key={request.secret}>
              <Text block>
                {t(`consent.savedSecret.${which}`, {
                  host: request.host,
                  savedFor: request.savedFor?.host ?? t('consent.savedForUnknown'),
                })}
              </Text>
              {request.savedFor && (
                <Text block data-testid="consent-changes">
                  {t('consent.changed', { changes: list(changes(request, request.savedFor, t)) })}
                </Text>
              )}
              <Text block size={200}>
                {t('consent.savedSecretDetail')}
              </Text>
              <Field
                label={t(imap ? 'consent.imapPasswordOnce' : 'consent.passwordOnce', { host: request.host })}
              >
                <Input
                  type="password"
                  autoComplete="off"
                  value={imap ? typed.imapPassword : typed.password}
                  onChange={(_, data) =>
                    onType(imap ? { ...typed, imapPassword: data.value } : { ...typed, password: data.value })
                  }
                />
              </Field>
            </div>
          );
        })}
      </MessageBarBody>
    </MessageBar>
  );
}
