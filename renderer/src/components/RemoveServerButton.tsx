import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';

const useStyles = makeStyles({
  confirm: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

/** Remove, asked once more in place: the server leaves the inventory only after "Remove" is confirmed. */
export function RemoveServerButton({
  fqdn,
  listName,
  onRemove,
}: {
  fqdn: string;
  listName: string;
  onRemove: () => void;
}) {
  const styles = useStyles();
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const [answered, setAnswered] = useState(false);
  useEffect(() => {
    // The safe answer takes focus when asked; focus goes back to Remove when kept.
    if (asking) keep.current?.focus();
    else if (answered) ask.current?.focus();
  }, [asking, answered]);
  if (!asking)
    return (
      <Button
        ref={ask}
        appearance="subtle"
        aria-label={`Remove ${fqdn} from ${listName}`}
        onClick={() => setAsking(true)}
      >
        Remove
      </Button>
    );
  return (
    <span className={styles.confirm} role="group" aria-label={`Confirm removing ${fqdn}`}>
      <Caption1>Remove {fqdn}?</Caption1>
      <Button appearance="primary" size="small" onClick={onRemove}>
        Remove
      </Button>
      <Button
        ref={keep}
        size="small"
        onClick={() => {
          setAnswered(true);
          setAsking(false);
        }}
      >
        Keep
      </Button>
    </span>
  );
}
