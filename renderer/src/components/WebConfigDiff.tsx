import { Body1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { MfaPlan } from '../store/mfa-slice';
import { useCodeBlockStyles } from './code-block-styles';

const useStyles = makeStyles({
  diff: { maxHeight: '420px' },
  line: { display: 'block', whiteSpace: 'pre' },
  added: { backgroundColor: tokens.colorPaletteGreenBackground1 },
  removed: { backgroundColor: tokens.colorPaletteRedBackground1 },
  hunk: { color: tokens.colorNeutralForeground3 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  block: { display: 'block', wordBreak: 'break-all' },
});

type Change = MfaPlan['changes'][number];

/** One change in words: what the admin confirms, besides the lines. */
export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'section-created':
      return `Creates <${change.section}> in ${change.parent}`;
    case 'app-setting-added':
      return `Adds ${change.key} = ${change.value}`;
    case 'app-setting-updated':
      return `Changes ${change.key} from ${change.from ?? '(no value)'} to ${change.to}`;
    case 'app-setting-removed':
      return `Removes ${change.key}`;
    case 'module-added':
      return `Adds the module ${change.name} (${change.type}) at the end of the modules`;
    case 'module-type-updated':
      return `Changes the type of module ${change.name} to ${change.to}`;
    case 'module-moved-to-end':
      return `Moves the module ${change.name} to the end of the modules`;
  }
}

/** The planned web.config change: the changes in words and the unified diff, secrets masked. */
export function WebConfigDiff({ preview }: { preview: MfaPlan }) {
  const styles = useStyles();
  const code = useCodeBlockStyles();
  const lines = preview.diff.split(/\r?\n/);
  return (
    <>
      <ul className={styles.list} aria-label="Changes">
        {preview.changes.map((change, index) => (
          <li key={index}>{describeChange(change)}</li>
        ))}
      </ul>
      <Body1 id="webconfig-diff-title" className={styles.block}>
        Unified diff of {preview.path}: lines starting with + are added, lines starting with - are removed.
      </Body1>
      <pre
        className={mergeClasses(code.block, styles.diff)}
        tabIndex={0}
        aria-labelledby="webconfig-diff-title"
      >
        {lines.map((line, index) => (
          <span
            key={index}
            className={mergeClasses(
              styles.line,
              line.startsWith('+') && !line.startsWith('+++') && styles.added,
              line.startsWith('-') && !line.startsWith('---') && styles.removed,
              line.startsWith('@@') && styles.hunk,
            )}
          >
            {line === '' ? ' ' : line}
          </span>
        ))}
      </pre>
      <Body1 className={styles.block}>
        SHA-256 now {preview.beforeSha256}; after the change {preview.afterSha256}.
      </Body1>
    </>
  );
}
