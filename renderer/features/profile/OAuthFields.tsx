/**
 * OAuth2 in the Authentication section: the provider and the administrator's own client
 * registration (how to register it, with links, per provider), the client secret where
 * the provider's installed-app clients have one (write-only, to the keychain), and the
 * sign-in with its state: "Signed in as … · Sign out" or "Not signed in · Sign in".
 * Picking a provider fills in its scopes (and Microsoft's `organizations` tenant).
 */
import { Button, Link, MessageBar, MessageBarBody, Select, Text } from '@fluentui/react-components';
import { Key20Regular, PersonArrowRight20Regular, SignOut20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_OAUTH_SCOPES,
  OAUTH_PROVIDERS,
  type OAuthProvider,
  type Profile,
} from '../../../electron/services/settings/profile';
import type { FieldRefs } from './fieldRefs';
import { FormField } from './FormSection';
import { useFormStyles } from './formStyles';
import { StatusRow } from './StatusRow';
import { TextField } from './TextField';
import type { ProfileForm } from './useProfileForm';

const LINKS = {
  google: [['profile.oauth.help.googleLink', 'https://console.cloud.google.com/apis/credentials']],
  microsoft: [
    [
      'profile.oauth.help.microsoftLink',
      'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
    ],
    [
      'profile.oauth.help.smtpAuthLink',
      'https://learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission',
    ],
  ],
  custom: [],
} as const satisfies Record<OAuthProvider, ReadonlyArray<readonly [string, string]>>;

export interface SignInState {
  busy: boolean;
  signIn(): void;
  signOut(): void;
  setClientSecret(): void;
}

export function OAuthFields({
  form,
  refs,
  profile,
  signIn,
}: {
  form: ProfileForm;
  refs: FieldRefs;
  /** The saved profile (null while new): whether a secret is set and a sign-in kept. */
  profile: Profile | null;
  signIn: SignInState;
}) {
  const { t } = useTranslation();
  const styles = useFormStyles();
  const { values } = form;
  const provider = values.oauthProvider;
  const hasSecret = provider !== 'microsoft';
  // A sign-in belongs to the saved settings: a new or edited profile is saved first.
  const canSignIn = profile !== null && !form.dirty && !signIn.busy;

  const pickProvider = (next: OAuthProvider) => {
    form.set('oauthProvider', next);
    form.set('oauthScopes', DEFAULT_OAUTH_SCOPES[next]);
    if (next === 'microsoft' && values.oauthTenant.trim() === '') form.set('oauthTenant', 'organizations');
  };

  return (
    <>
      <FormField label={t('profile.fields.oauthProvider')}>
        <Select
          ref={refs.register('oauthProvider')}
          value={provider}
          onChange={(_, data) => pickProvider(data.value as OAuthProvider)}
        >
          {OAUTH_PROVIDERS.map((p) => (
            <option key={p} value={p}>
              {t(`profile.oauth.providers.${p}`)}
            </option>
          ))}
        </Select>
      </FormField>
      <MessageBar intent="info" layout="multiline" data-testid="oauth-help">
        <MessageBarBody>
          {t(`profile.oauth.help.${provider}`)}{' '}
          {LINKS[provider].map(([key, href]) => (
            <Link key={key} href={href} target="_blank" rel="noreferrer" className={styles.helpLink}>
              {t(key)}
            </Link>
          ))}
        </MessageBarBody>
      </MessageBar>
      {provider === 'microsoft' && (
        <TextField
          form={form}
          refs={refs}
          name="oauthTenant"
          hint={t('profile.oauth.tenantHint')}
          spellCheck={false}
        />
      )}
      {provider === 'custom' && (
        <>
          <TextField
            form={form}
            refs={refs}
            name="oauthIssuer"
            hint={t('profile.oauth.issuerHint')}
            spellCheck={false}
          />
          {values.oauthIssuer.trim() === '' && (
            <>
              <TextField form={form} refs={refs} name="oauthAuthorizationEndpoint" spellCheck={false} />
              <TextField form={form} refs={refs} name="oauthTokenEndpoint" spellCheck={false} />
              <TextField form={form} refs={refs} name="oauthDeviceEndpoint" spellCheck={false} />
            </>
          )}
        </>
      )}
      <TextField form={form} refs={refs} name="oauthClientId" required spellCheck={false} />
      {hasSecret && profile && (
        <StatusRow
          label={t('profile.oauth.clientSecret')}
          status={
            profile.oauthClientSecretSet ? t('profile.oauth.secretSet') : t('profile.oauth.secretNotSet')
          }
          action={(statusId) => (
            <Button
              appearance="secondary"
              size="small"
              icon={<Key20Regular />}
              aria-describedby={statusId}
              onClick={signIn.setClientSecret}
            >
              {profile.oauthClientSecretSet ? t('profile.oauth.changeSecret') : t('profile.oauth.setSecret')}
            </Button>
          )}
        />
      )}
      <TextField
        form={form}
        refs={refs}
        name="oauthScopes"
        hint={t('profile.oauth.scopesHint')}
        spellCheck={false}
      />
      <StatusRow
        label={t('profile.oauth.signIn')}
        statusTestId="oauth-status"
        status={
          signIn.busy
            ? t('profile.oauth.waiting')
            : profile?.oauthSignedIn
              ? t('profile.oauth.signedIn', { mailbox: profile.username })
              : t('profile.oauth.signedOut')
        }
        action={(statusId) =>
          profile?.oauthSignedIn ? (
            <Button
              appearance="secondary"
              size="small"
              icon={<SignOut20Regular />}
              aria-describedby={statusId}
              disabled={signIn.busy}
              onClick={signIn.signOut}
            >
              {t('profile.oauth.signOutAction')}
            </Button>
          ) : (
            <Button
              appearance="primary"
              size="small"
              icon={<PersonArrowRight20Regular />}
              aria-describedby={statusId}
              disabledFocusable={!canSignIn}
              onClick={canSignIn ? signIn.signIn : undefined}
            >
              {t('profile.oauth.signInAction')}
            </Button>
          )
        }
      />
      {!canSignIn && !signIn.busy && !profile?.oauthSignedIn && (
        <Text className={styles.muted}>{t('profile.oauth.saveFirst')}</Text>
      )}
    </>
  );
}
