/**
 * The guide's "Paste the app password" step: the 16 letters with or without the spaces
 * Google shows; anything else is refused at the field with the sentence of the shared check
 * (dashes, digits, the wrong length). A saved profile's password goes straight to the
 * keychain (`profiles:setPassword`); a new profile's becomes the password it is created
 * with. Enter saves (the step sits inside the profile form, so Enter must not save that).
 */
import { useState, type Ref } from 'react';
import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircle16Filled, Key16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../electron/services/settings/profile';
import { normaliseGoogleAppPassword } from '../../../electron/services/presets';
import { api } from '../../api';
import { say, translateKey } from '../../i18n';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  button: { alignSelf: 'flex-start' },
  ok: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorPaletteGreenForeground1,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function AppPasswordStep({
  profileId,
  passwordState,
  inputRef,
  onUse,
  onSaved,
}: {
  /** The saved profile's id; null for a new profile (the password waits for Save). */
  profileId: string | null;
  /** What the profile has now. */
  passwordState: 'none' | 'set' | 'pending' | 'refused';
  inputRef?: Ref<HTMLInputElement>;
  /** New profile: the normalised app password becomes the form's password. */
  onUse(password: string): void;
  /** Saved profile: main stored it. */
  onSaved(profile: Profile): void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [justSaved, setJustSaved] = useState(false);

  const save = async () => {
    const checked = normaliseGoogleAppPassword(value);
    if (!checked.ok) {
      setError(say(checked.reason));
      return;
    }
    if (profileId === null) {
      onUse(checked.value);
      setValue('');
      setJustSaved(true);
      return;
    }
    setBusy(true);
    const result = await api.invoke('profiles:setPassword', { id: profileId, password: checked.value });
    setBusy(false);
    if (!result.ok) {
      setError(
        result.error.fields?.password ? translateKey(result.error.fields.password) : result.error.message,
      );
      return;
    }
    setValue('');
    setJustSaved(true);
    onSaved(result.value);
  };

  let status: string;
  if (justSaved) status = profileId === null ? t('guide.paste.pending') : t('guide.paste.saved');
  else if (passwordState === 'refused') status = t('guide.paste.refused');
  else if (passwordState === 'pending') status = t('guide.paste.pending');
  else if (passwordState === 'set') status = t('guide.paste.set');
  else status = t('guide.paste.body');

  return (
    <div className={styles.root}>
      {justSaved ? (
        <Text size={200} className={styles.ok} role="status">
          <CheckmarkCircle16Filled aria-hidden />
          {status}
        </Text>
      ) : (
        <Text size={200}>{status}</Text>
      )}
      <Field label={t('guide.paste.label')} hint={t('guide.paste.hint')} validationMessage={error}>
        <Input
          ref={inputRef}
          type="password"
          value={value}
          autoComplete="off"
          spellCheck={false}
          data-testid="app-password-input"
          onChange={(_, data) => {
            setValue(data.value);
            setError(undefined);
            setJustSaved(false);
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault(); // not the profile form's Save
            void save();
          }}
        />
      </Field>
      <Button
        className={styles.button}
        appearance="primary"
        size="small"
        icon={<Key16Regular />}
        disabled={busy}
        onClick={() => void save()}
      >
        {profileId === null ? t('guide.paste.use') : t('guide.paste.save')}
      </Button>
    </div>
  );
}
