// The source of a stand-in `pwsh` for hosts without PowerShell: it understands exactly the text the runner
// sends (Console.WriteLine of a literal, and `& '<script>' -ParametersBase64 '<base64>'`) and plays the
// "script" the decoded parameters describe: lines with delays, error lines, or a hang.
export const fakePwshSource = String.raw`#!/usr/bin/env node
import { createInterface } from 'node:readline';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const token = /\[Console\]::(Out|Error)\.WriteLine\((["'])(.*?)\2\)|& '((?:[^']|'')*)' -ParametersBase64 '([A-Za-z0-9+/=]*)'/g;
const queue = [];
let busy = false;
async function run(line) {
  for (const match of line.matchAll(token)) {
    if (match[1] !== undefined) {
      (match[1] === 'Out' ? process.stdout : process.stderr).write(match[3] + '\n');
      continue;
    }
    const script = JSON.parse(Buffer.from(match[5], 'base64').toString('utf8'));
    for (const text of script.lines ?? []) {
      await sleep(script.delayMs ?? 0);
      process.stdout.write(text + '\n');
    }
    for (const text of script.errors ?? []) process.stderr.write(text + '\n');
    if (script.hang) await new Promise(() => {});
  }
}
async function drain() {
  if (busy) return;
  busy = true;
  while (queue.length > 0) await run(queue.shift());
  busy = false;
}
createInterface({ input: process.stdin }).on('line', (line) => {
  queue.push(line);
  void drain();
});
`;
