#!/usr/bin/env bash
# Installs PowerShell 7 into .tools/pwsh from the NuGet registry, for the PowerShell test tier.
# Never fails the build: when no registry here has it, says exactly why and the tier runs the
# syntax checks only (the real-pwsh tests skip themselves).
set -u
cd "$(dirname "$0")/.."
target=.tools/pwsh
if [ -x "$target/pwsh" ] && "$target/pwsh" -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' >/dev/null 2>&1; then
  echo "provision-pwsh: $("$target/pwsh" -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()') already in $target"
  exit 0
fi
if command -v pwsh >/dev/null 2>&1; then
  echo "provision-pwsh: using pwsh on PATH ($(command -v pwsh))"
  exit 0
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "provision-pwsh: no dotnet SDK on this machine; PowerShell tier runs syntax checks only"
  exit 0
fi
log=$(mktemp)
if dotnet tool install --tool-path "$target" PowerShell >"$log" 2>&1; then
  echo "provision-pwsh: installed $("$target/pwsh" -NoProfile -Command '$PSVersionTable.PSVersion.ToString()') into $target"
else
  echo "provision-pwsh: PowerShell 7 could not be installed; PowerShell tier runs syntax checks only. dotnet said:"
  sed 's/^/  /' "$log"
fi
rm -f "$log"
exit 0
