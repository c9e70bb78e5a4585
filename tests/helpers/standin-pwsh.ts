import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A stand-in for a long-lived pwsh driven through node-powershell: it echoes the delimiters and the output
 * markers it is sent, answers every script with `resultLine`, and keeps running until it is stopped
 * (as a real shell does), recording its pid in dir/pid and each start in dir/starts.
 */
export async function standInPwsh(dir: string, resultLine: string): Promise<string> {
  const path = join(dir, 'pwsh');
  const script = `#!/bin/sh
echo $$ > "${dir}/pid"
echo $$ >> "${dir}/starts"
while IFS= read -r line; do
  case "$line" in
    '[Console]::Out.WriteLine("'*'")') d=\${line#*(\\"}; printf '%s\\n' "\${d%\\")}" ;;
    '[Console]::Error.WriteLine("'*'")') d=\${line#*(\\"}; printf '%s\\n' "\${d%\\")}" >&2 ;;
    *EXREADY-BEGIN-*)
      id=$(printf '%s' "$line" | sed -n 's/.*EXREADY-BEGIN-\\([0-9a-f]*\\).*/\\1/p')
      printf 'EXREADY-BEGIN-%s\\n' "$id"; printf 'EXREADY-BEGIN-%s\\n' "$id" >&2
      printf '%s\\n' '${resultLine.replace(/'/g, `'\\''`)}'
      printf 'EXREADY-END-%s\\n' "$id"; printf 'EXREADY-END-%s\\n' "$id" >&2 ;;
  esac
done
`;
  await writeFile(path, script);
  await chmod(path, 0o755);
  return path;
}
