/**
 * A server's address, port and protocol, with the protocol's usual port as a hint and a
 * warning (with its fixes) when port and protocol disagree. Shared by the SMTP server section
 * and the delivery check's IMAP mailbox; each says which fields, ports and words are its own.
 */
import type { ReactNode } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Security } from '../../../electron/services/settings/profile';
import { translateKey } from '../../i18n';
import type { FieldRefs } from './fieldRefs';
import { FormField } from './FormSection';
import { useFormStyles } from './formStyles';
import { ProtocolPicker } from './ProtocolPicker';
import { TextField, type TextFieldName } from './TextField';
import type { ProfileForm } from './useProfileForm';

/** A port/protocol mismatch: what to say, and the buttons that fix it. */
export interface PortWarning {
  message: string;
  fixes: { label: string; apply(): void }[];
}

export function ServerAddressFields({
  form,
  refs,
  hostField,
  portField,
  securityField,
  hostPlaceholder,
  afterHost,
  usualPort,
  labelOf,
  portAfterProtocolChange,
  warning,
}: {
  form: ProfileForm;
  refs: FieldRefs;
  hostField: TextFieldName;
  portField: TextFieldName;
  securityField: 'security' | 'deliverySecurity';
  hostPlaceholder: string;
  /** Shown right under the address (e.g. a migration warning). */
  afterHost?: ReactNode;
  usualPort: Record<Security, number>;
  /** The name of each protocol. */
  labelOf(mode: Security): string;
  /** The port after switching protocol to `next`. */
  portAfterProtocolChange(port: string, next: Security): string;
  warning: PortWarning | null;
}) {
  const { t } = useTranslation();
  const styles = useFormStyles();
  const { values } = form;
  const security = values[securityField];

  return (
    <>
      <TextField
        form={form}
        refs={refs}
        name={hostField}
        required
        placeholder={hostPlaceholder}
        spellCheck={false}
        autoComplete="off"
      />
      {afterHost}
      <TextField
        form={form}
        refs={refs}
        name={portField}
        required
        className={styles.narrow}
        inputMode="numeric"
        autoComplete="off"
      />
      <FormField
        label={t(`profile.fields.${securityField}`)}
        hint={t('profile.hints.usualPort', { protocol: labelOf(security), port: usualPort[security] })}
        validationMessage={translateKey(form.errorFor(securityField))}
      >
        {(control) => (
          <ProtocolPicker
            value={security}
            labelOf={labelOf}
            labelledBy={control['aria-labelledby']}
            describedBy={control['aria-describedby']}
            onChange={(next) => {
              form.set(securityField, next);
              const port = portAfterProtocolChange(values[portField], next);
              if (port !== values[portField]) form.set(portField, port);
            }}
          />
        )}
      </FormField>
      {warning && (
        <MessageBar intent="warning" layout="multiline" className={styles.warning}>
          <MessageBarBody>{warning.message}</MessageBarBody>
          <MessageBarActions>
            {warning.fixes.map((fix) => (
              <Button key={fix.label} size="small" onClick={fix.apply}>
                {fix.label}
              </Button>
            ))}
          </MessageBarActions>
        </MessageBar>
      )}
    </>
  );
}
