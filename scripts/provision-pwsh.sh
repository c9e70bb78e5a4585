#!/usr/bin/env bash
# Installs PowerShell 7.6.9 and Pester 5.7.1 into .tools/ from the NuGet registry, for the PowerShell test tier.
# Versions are pinned: the newest PowerShell tool package points at a runtime package the registry here does not serve.
# With CI=true a missing piece fails the run (the tier must never skip in CI); elsewhere the reason is printed.
set -u
cd "$(dirname "$0")/.."
pwsh_version=7.6.9
pester_version=5.7.1
pwsh_dir=.tools/pwsh
pester_dir=.tools/pester
pester_module="$pester_dir/pester/$pester_version/tools/Pester.psd1"
failed=0

fail() {
  echo "provision-pwsh: $1"
  failed=1
}

installed_version() {
  "$pwsh_dir/pwsh" -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null
}

if ! command -v dotnet >/dev/null 2>&1; then
  fail "no dotnet SDK on this machine: PowerShell $pwsh_version and Pester $pester_version cannot be installed"
else
  if [ "$(installed_version)" != "$pwsh_version" ]; then
    rm -rf "$pwsh_dir"
    log=$(mktemp)
    if dotnet tool install --tool-path "$pwsh_dir" PowerShell --version "$pwsh_version" >"$log" 2>&1; then
      echo "provision-pwsh: installed PowerShell $(installed_version) into $pwsh_dir"
    else
      fail "PowerShell $pwsh_version could not be installed. dotnet said:"
      sed 's/^/  /' "$log"
    fi
    rm -f "$log"
  else
    echo "provision-pwsh: PowerShell $pwsh_version already in $pwsh_dir"
  fi

  if [ -f "$pester_module" ]; then
    echo "provision-pwsh: Pester $pester_version already in $pester_dir"
  else
    # A throwaway project whose only purpose is to make dotnet restore fetch the Pester package.
    project=$(mktemp -d)
    cat >"$project/pester-fetch.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net$(dotnet --version | cut -d. -f1).0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Pester" Version="$pester_version" /></ItemGroup>
</Project>
PROJECT
    log=$(mktemp)
    if dotnet restore "$project/pester-fetch.csproj" --packages "$PWD/$pester_dir" >"$log" 2>&1 && [ -f "$pester_module" ]; then
      echo "provision-pwsh: installed Pester $pester_version into $pester_dir"
    else
      fail "Pester $pester_version could not be installed. dotnet said:"
      sed 's/^/  /' "$log"
    fi
    rm -rf "$project" "$log"
  fi
fi

if [ "$failed" -ne 0 ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "provision-pwsh: CI needs real PowerShell and Pester; failing the run"
    exit 1
  fi
  echo "provision-pwsh: the PowerShell tier will report what is missing and skip its real-pwsh tests"
fi
exit 0
