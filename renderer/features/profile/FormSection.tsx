/**
 * The layout pieces of the profile form: a titled section ("Server", "Authentication", …)
 * named by its heading, and a field row (label column, then the control, hint and error).
 */
import type { ReactNode } from 'react';
import { Field, type FieldProps } from '@fluentui/react-components';
import { useFormStyles } from './formStyles';

export function FormSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const styles = useFormStyles();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h2 id={id} className={styles.sectionTitle}>
        {title}
      </h2>
      {children}
    </section>
  );
}

export function FormField(props: Omit<FieldProps, 'className' | 'orientation'>) {
  const styles = useFormStyles();
  return <Field className={styles.field} orientation="horizontal" {...props} />;
}
