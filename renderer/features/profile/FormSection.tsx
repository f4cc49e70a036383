/**
 * The layout pieces of the profile form: a titled section ("Server", "Authentication", …)
 * named by its heading (with an optional action beside the title), and a field row (label column, then the control, hint and error).
 */
import type { ReactNode } from 'react';
import { Field, type FieldProps } from '@fluentui/react-components';
import { useFormStyles } from './formStyles';

export function FormSection({
  id,
  title,
  action,
  children,
}: {
  id: string;
  title: string;
  /** A small button at the end of the title row ("Find settings"). */
  action?: ReactNode;
  children: ReactNode;
}) {
  const styles = useFormStyles();
  const heading = (
    <h2 id={id} className={styles.sectionTitle}>
      {title}
    </h2>
  );
  return (
    <section className={styles.section} aria-labelledby={id}>
      {action ? (
        <div className={styles.sectionHeader}>
          {heading}
          {action}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}

export function FormField(props: Omit<FieldProps, 'className' | 'orientation'>) {
  const styles = useFormStyles();
  return <Field className={styles.field} orientation="horizontal" {...props} />;
}
