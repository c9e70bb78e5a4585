import { Button, type ButtonProps } from '@fluentui/react-components';
import { useRef, type ChangeEvent } from 'react';
import { useAppStore } from '../store/app-store';

/** A button that opens the file chooser for a CSV inventory and imports the file picked. */
export function CsvImportButton({
  appearance,
  size,
  onPicked,
}: Pick<ButtonProps, 'appearance' | 'size'> & { onPicked?: () => void }) {
  const importCsv = useAppStore((s) => s.importCsv);
  const importing = useAppStore((s) => s.csvImport.kind === 'importing');
  const input = useRef<HTMLInputElement>(null);

  const picked = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so picking the same file again (after fixing it) fires change again.
    event.target.value = '';
    if (file === undefined) return;
    onPicked?.();
    void importCsv(file);
  };

  return (
    <>
      <Button
        appearance={appearance}
        size={size}
        disabledFocusable={importing}
        onClick={() => input.current?.click()}
      >
        Import CSV…
      </Button>
      {/* The native input stays hidden; the button above is its keyboard-reachable face. */}
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        aria-label="CSV file to import"
        hidden
        onChange={picked}
      />
    </>
  );
}
