/**
 * One text field of the profile form: a horizontal Fluent `Field` labelled from
 * `profile.fields.<name>`, its inline error, and an `Input` bound to the form state (typing
 * sets the value, leaving the field shows its error) and registered for focus-on-save.
 */
import { Input, type InputProps } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../../i18n';
import type { FieldRefs } from './fieldRefs';
import { FormField } from './FormSection';
import type { FieldName, FormValues, ProfileForm } from './useProfileForm';

/** The form fields whose value is free text. */
export type TextFieldName = { [K in FieldName]: string extends FormValues[K] ? K : never }[FieldName];

/** The props that bind an `Input` to the form field `name`. */
export function bindInput(form: ProfileForm, refs: FieldRefs, name: TextFieldName) {
  return {
    ref: refs.register(name),
    value: form.values[name],
    onChange: (_: unknown, data: { value: string }) => form.set(name, data.value),
    onBlur: () => form.touch(name),
  };
}

export function TextField({
  form,
  refs,
  name,
  label,
  hint,
  required,
  disabled,
  ...input
}: {
  form: ProfileForm;
  refs: FieldRefs;
  name: TextFieldName;
  /** Another label than `profile.fields.<name>` (the username is the mailbox for OAuth2). */
  label?: string;
  hint?: string;
  required?: boolean;
  /** Greyed out: the value stays, and no error is shown for it. */
  disabled?: boolean;
} & Pick<InputProps, 'type' | 'className' | 'placeholder' | 'spellCheck' | 'autoComplete' | 'inputMode'>) {
  const { t } = useTranslation();
  return (
    <FormField
      label={label ?? t(`profile.fields.${name}`)}
      hint={hint}
      required={required}
      validationMessage={disabled ? undefined : translateKey(form.errorFor(name))}
    >
      <Input {...bindInput(form, refs, name)} {...input} disabled={disabled} />
    </FormField>
  );
}
