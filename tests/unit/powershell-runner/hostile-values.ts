// Values that would break out of, or change the meaning of, a command if they were ever spliced into script text.
export const hostileStrings: readonly string[] = [
  "O'Brien",
  '"double" and \'single\'',
  '\u2018smart\u2019 \u201asingle\u201b and \u201cdouble\u201d',
  '$(Remove-Item C:\\ -Recurse)',
  '${env:PATH} $env:USERNAME @(1) @{a=1}',
  '`n`r`0 backtick escapes ``',
  "a'; Stop-Computer; '",
  'a"; Stop-Computer; "',
  'line one\nline two\r\nline three\r',
  '\t\u0000\u0007 control characters',
  'Jörg Ærøskøbing 東京 Καλημέρα 🔐 \u200b\ufeff',
  '\\\\server\\share\\path',
  '<# block comment #> # line comment',
  '& | > < 2>&1 -- --% ;',
  'x'.repeat(10_240),
];

/** Every hostile string in the places the collection request carries text. */
export function hostileParameters(): Record<string, unknown> {
  return {
    runId: '1b4e28ba-2d8b-4c3f-9a57-6ad3a1a0f0c1',
    exchangeServers: hostileStrings,
    serviceAccount: "CONTOSO\\o'brien$(whoami)`;",
    nested: { list: [...hostileStrings].reverse(), number: 16, flag: true, nothing: null },
  };
}
