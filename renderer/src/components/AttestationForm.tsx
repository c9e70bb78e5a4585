import { Button, Field, Input, makeStyles, Subtitle2, Textarea, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { AttestableCheckId } from '../../../shared/tenant/tenant-check-contract';
import { useAppStore } from '../store/app-store';
import {
  attestationDraft,
  tenantColumn,
  validateAttestation,
  type AttestationDraft,
  type AttestationErrors,
} from '../tenant/tenant-model';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

/** What an admin saw in the portal for a check Graph cannot read: stored in main, shown as attested, never pass. */
export function AttestationForm({ checkId, operator }: { checkId: AttestableCheckId; operator: string }) {
  const styles = useStyles();
  const attest = useAppStore((s) => s.attest);
  const [draft, setDraft] = useState<AttestationDraft>(() => attestationDraft(operator, new Date()));
  const [errors, setErrors] = useState<AttestationErrors>({});
  const [outcome, setOutcome] = useState<string>('');
  const [saving, setSaving] = useState(false);
  const title = tenantColumn(checkId).title;
  const headingId = `attest-${checkId.replace(/[^a-z0-9]/gi, '-')}`;
  const field = (name: keyof AttestationDraft) => (value: string) => setDraft({ ...draft, [name]: value });

  const submit = async () => {
    const checked = validateAttestation(checkId, draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setOutcome('');
      return;
    }
    setErrors({});
    setSaving(true);
    const refused = await attest(checked.value);
    setSaving(false);
    setOutcome(refused === null ? `Attestation of ${title} recorded` : `Not recorded: ${refused}`);
  };

  return (
    <form
      className={styles.form}
      aria-labelledby={headingId}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Subtitle2 as="h3" id={headingId}>
        Attest {title}
      </Subtitle2>
      <Field
        label="Who looked in the portal"
        validationMessage={errors.attestedBy}
        validationState={errors.attestedBy === undefined ? 'none' : 'error'}
      >
        <Input value={draft.attestedBy} onChange={(_e, data) => field('attestedBy')(data.value)} />
      </Field>
      <Field
        label="When"
        validationMessage={errors.attestedAt}
        validationState={errors.attestedAt === undefined ? 'none' : 'error'}
      >
        <Input
          type="datetime-local"
          value={draft.attestedAt}
          onChange={(_e, data) => field('attestedAt')(data.value)}
        />
      </Field>
      <Field
        label="What the portal showed (Protection, Password reset, Properties)"
        validationMessage={errors.observed}
        validationState={errors.observed === undefined ? 'none' : 'error'}
      >
        <Textarea value={draft.observed} onChange={(_e, data) => field('observed')(data.value)} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={saving}>
          Record attestation
        </Button>
        <span role="status">{outcome}</span>
      </div>
    </form>
  );
}
