/**
 * "Export": the profile's tested settings in a target's own format. Pick the target, read
 * the text (placeholders where secrets go: the preview never carries the password), copy
 * it or save it. Saving goes through main's save dialog; with "Include the password" main
 * writes it into that file (readable by the owner only) and the renderer never sees it.
 */
import {
  Button,
  Checkbox,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '../../../electron/services/i18n/languages';
import type {
  ExportFormatId,
  ExportFormatInfo,
  ExportResult,
  ProfileListItem,
} from '../../../electron/ipc/contract';
import { api } from '../../api';
import { FormDialog } from '../../shared/FormDialog';
import { useNotify } from '../../shared/notify';
import { useSharedStyles } from '../../shared/styles';

const useStyles = makeStyles({
  surface: { maxWidth: '820px', width: '90vw' },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  textarea: { minHeight: '300px', fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'pre' },
});

export function ExportDialog({ profile, onClose }: { profile: ProfileListItem; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const notify = useNotify();
  const lang = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  const [formats, setFormats] = useState<ExportFormatInfo[]>([]);
  const [format, setFormat] = useState<ExportFormatId>('youtrack');
  const [preview, setPreview] = useState<ExportResult | null>(null);
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.invoke('exports:formats', { lang }).then((result) => result.ok && setFormats(result.value));
  }, [lang]);
  useEffect(() => {
    void api.invoke('exports:preview', { profileId: profile.id, format, lang }).then((result) => {
      if (result.ok) setPreview(result.value);
      else setError(result.error.message);
    });
  }, [profile.id, format, lang]);

  const info = formats.find((f) => f.id === format);
  const text = preview?.ok ? preview.text : '';
  const lastRun = profile.lastRun;
  const save = async () => {
    setError(null);
    const result = await api.invoke('exports:save', { profileId: profile.id, format, lang, includeSecrets });
    if (!result.ok) setError(result.error.message);
    else if (result.value) notify(t('exportDialog.saved', { file: result.value.fileName }));
  };

  return (
    <FormDialog
      title={t('exportDialog.title', { name: profile.name })}
      className={styles.surface}
      stacked
      onDismiss={onClose}
      onSubmit={() => void save()}
      actions={
        <>
          <Button appearance="secondary" onClick={onClose}>
            {t('common.close')}
          </Button>
          <Button
            appearance="secondary"
            disabled={!text}
            onClick={() =>
              void navigator.clipboard.writeText(text).then(() => notify(t('exportDialog.copied')))
            }
          >
            {t('exportDialog.copy')}
          </Button>
          <Button appearance="primary" type="submit" disabled={!text}>
            {t('exportDialog.save')}
          </Button>
        </>
      }
    >
      {lastRun?.verdict !== 'delivered' && lastRun?.verdict !== 'accepted' && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {lastRun ? t('exportDialog.lastRunFailed', { code: lastRun.code }) : t('exportDialog.neverRun')}
          </MessageBarBody>
        </MessageBar>
      )}
      <Field label={t('exportDialog.target')} hint={info?.target}>
        <Select value={format} onChange={(_, data) => setFormat(data.value as ExportFormatId)}>
          {formats.map((f) => (
            <option key={f.id} value={f.id}>
              {f.title}
            </option>
          ))}
        </Select>
      </Field>
      {info?.apply && (
        <Text className={shared.mono}>
          {t('exportDialog.apply')} {info.apply}
        </Text>
      )}
      {preview && !preview.ok && (
        <MessageBar intent="error">
          <MessageBarBody>{preview.reason}</MessageBarBody>
        </MessageBar>
      )}
      {preview?.ok && (
        <Field label={t('exportDialog.text', { file: info?.fileName ?? '' })}>
          <Textarea readOnly value={text} resize="vertical" textarea={{ className: styles.textarea }} />
        </Field>
      )}
      {preview?.ok && info?.syntax === 'json' && (
        <ul className={styles.code}>
          {preview.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {info?.takesPassword && !profile.anonymous && (
        <Checkbox
          checked={includeSecrets}
          onChange={(_, data) => setIncludeSecrets(data.checked === true)}
          label={t('exportDialog.includeSecrets')}
        />
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </FormDialog>
  );
}
